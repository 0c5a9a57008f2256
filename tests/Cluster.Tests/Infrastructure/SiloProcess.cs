using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Crawler.Cluster.Tests.Infrastructure;

/// <summary>
/// One silo executable running as a child process. It can be stopped the ways a real one is: SIGTERM (graceful),
/// SIGKILL (a crash), SIGSTOP/SIGCONT (a pause past its lease). Its output is kept (the last lines) for the test's
/// log. Disposing kills it, whatever state it is in.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private const int KeptLines = 300;
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly StreamWriter _log;

    private SiloProcess(string siloId, Process process, string logPath)
    {
        SiloId = siloId;
        _process = process;
        LogPath = logPath;
        _log = new StreamWriter(logPath) { AutoFlush = true };
    }

    /// <summary>Where all of the silo's output is written.</summary>
    public string LogPath { get; }

    public string SiloId { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The address the silo published in the membership table; set once it has.</summary>
    public Uri? Address { get; internal set; }

    /// <summary>The silo's last lines of output.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    public static SiloProcess Start(string siloId, IEnumerable<string> arguments, string logDirectory)
    {
        var start = new ProcessStartInfo(SiloExecutable.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = System.IO.Path.GetDirectoryName(SiloExecutable.Path)!,
        };
        start.ArgumentList.Add(SiloExecutable.Path);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Only the command line shapes the silo: nothing the test runner's environment says about URLs or settings.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("Silo__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        Directory.CreateDirectory(logDirectory);
        var silo = new SiloProcess(siloId, process, FreeLogPath(logDirectory, siloId));
        process.OutputDataReceived += (_, e) => silo.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>SIGKILL: the silo dies on the spot, releasing nothing.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM: the silo hands its partitions over and exits.</summary>
    public void Terminate() => PosixSignals.Send(_process.Id, PosixSignals.Terminate);

    /// <summary>SIGSTOP: the silo is frozen mid-whatever, its connections left open.</summary>
    public void Pause() => PosixSignals.Send(_process.Id, PosixSignals.Stop);

    /// <summary>SIGCONT: the frozen silo runs on, unaware of the time it lost.</summary>
    public void Resume() => PosixSignals.Send(_process.Id, PosixSignals.Continue);

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(ExitTimeout);
        return _process.ExitCode;
    }

    /// <summary>The silo's own view (<c>GET /_silo/status</c>): its partitions and its turns by method.</summary>
    public async Task<JsonElement> StatusAsync(HttpClient http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = Address ?? throw new InvalidOperationException($"Silo {SiloId} has not published its address.");
        using var document = await http.GetFromJsonAsync<JsonDocument>(new Uri(address, "/_silo/status"), cancellationToken)
            ?? throw new InvalidOperationException($"Silo {SiloId} answered its status with nothing.");
        return document.RootElement.Clone();
    }

    /// <summary>Turns the silo ran of one grain method, by its status.</summary>
    public async Task<long> TurnsAsync(HttpClient http, string methodId, CancellationToken cancellationToken)
    {
        var status = await StatusAsync(http, cancellationToken);
        return status.GetProperty("turns").TryGetProperty(methodId, out var count) ? count.GetInt64() : 0;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // SIGKILL ends a stopped (SIGSTOP) process too.
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(ExitTimeout);
        }
        catch (InvalidOperationException)
        {
            // It never started.
        }
        finally
        {
            _process.Dispose();
            lock (_log)
            {
                _log.Dispose();
            }
        }
    }

    /// <summary>The silo's log file; a silo id started again (a restart) gets a file of its own, numbered.</summary>
    private static string FreeLogPath(string logDirectory, string siloId)
    {
        var path = System.IO.Path.Combine(logDirectory, $"{siloId}.log");
        for (var run = 2; File.Exists(path); run++)
        {
            path = System.IO.Path.Combine(logDirectory, $"{siloId}-{run}.log");
        }

        return path;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (_log.BaseStream.CanWrite)
            {
                _log.WriteLine(line);
            }
        }

        _output.Enqueue(line);
        while (_output.Count > KeptLines && _output.TryDequeue(out _))
        {
        }
    }
}
