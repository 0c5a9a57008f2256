using System.Diagnostics;
using Crawler.Bench.Measuring;

namespace Crawler.Bench.Processes;

/// <summary>
/// A program the harness runs beside itself (a silo, the synthetic site, a crawl watched while it runs): its output
/// goes to a log file, its first line of standard output can be awaited, and it is stopped with SIGTERM, or killed
/// when it does not stop in time. Disposing kills it if it still runs.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process, string logPath)
    {
        _process = process;
        LogPath = logPath;
        _log = new StreamWriter(logPath) { AutoFlush = true };
    }

    public string LogPath { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="fileName"/> in <paramref name="workingDirectory"/> with only the environment changes given.</summary>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory, string logPath, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        Directory.CreateDirectory(workingDirectory);
        var child = new ChildProcess(new Process { StartInfo = start }, logPath);
        child._process.OutputDataReceived += (_, e) => child.Keep(e.Data, standardOutput: true);
        child._process.ErrorDataReceived += (_, e) => child.Keep(e.Data, standardOutput: false);
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The first line the program prints on standard output (the synthetic site prints its address there).</summary>
    public async Task<string> FirstLineAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // A program may print its line and exit at once: the line counts whichever of the two is seen first.
        await Task.WhenAny(_firstLine.Task, _process.WaitForExitAsync(cancellationToken)).WaitAsync(timeout, cancellationToken);
        return _firstLine.Task.IsCompleted
            ? await _firstLine.Task
            : throw new InvalidOperationException($"{_process.StartInfo.FileName} exited with {_process.ExitCode} before printing anything; see {LogPath}");
    }

    public ProcessSample Sample() => ProcFs.Read(_process.Id);

    /// <summary>Waits for the program to end by itself and returns its exit code; past <paramref name="timeout"/> it is killed.</summary>
    /// <exception cref="TimeoutException">It ran longer than <paramref name="timeout"/>.</exception>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
            return _process.ExitCode;
        }
        catch (TimeoutException)
        {
            await KillAsync();
            throw new TimeoutException($"{_process.StartInfo.FileName} {string.Join(' ', _process.StartInfo.ArgumentList.Take(2))} ran longer than {timeout.TotalMinutes:N0} min and was killed; see {LogPath}");
        }
    }

    /// <summary>SIGTERM, then waits for the exit; past <paramref name="grace"/> the process is killed. True if it stopped by itself.</summary>
    public async Task<bool> StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return true;
        }

        PosixSignals.SendTerminate(_process.Id);
        try
        {
            await _process.WaitForExitAsync().WaitAsync(grace);
            return true;
        }
        catch (TimeoutException)
        {
            await KillAsync();
            return false;
        }
    }

    /// <summary>SIGKILL: for a process whose end is of no interest (a crawl measured at its peak).</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private void Keep(string? line, bool standardOutput)
    {
        if (line is null)
        {
            return;
        }

        if (standardOutput)
        {
            _firstLine.TrySetResult(line);
        }

        lock (_log)
        {
            if (_log.BaseStream.CanWrite)
            {
                _log.WriteLine(line);
            }
        }
    }
}
