using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Crawler.Cluster.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server of the test's own: initdb into a temporary directory, pg_ctl on a free loopback port, as the
/// postgres user when the tests run as root. The test may stop and restart it at will; the shared server other test
/// runs use is never touched. Disposing stops it at once and deletes its files.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private readonly string _bin;
    private readonly string _directory;
    private readonly int _port;

    private PrivatePostgres(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        _port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres" }.ConnectionString;
    }

    /// <summary>Trust authentication on loopback only: the server lives as long as one test.</summary>
    public string ConnectionString { get; }

    /// <summary>Why this machine cannot run a private server, or null when it can.</summary>
    public static string? UnavailableReason { get; } = FindUnavailableReason();

    public static async Task<PrivatePostgres> StartAsync()
    {
        if (UnavailableReason is { } reason)
        {
            throw new InvalidOperationException($"A private PostgreSQL server cannot be started here: {reason}");
        }

        var directory = Path.Combine(Path.GetTempPath(), $"crawler-pg-{Guid.NewGuid():N}"[..22]);
        var server = new PrivatePostgres(BinDirectory()!, directory, FreePort());
        try
        {
            await server.RunAsync("initdb", "-D", directory, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8");
            await server.StartServerAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the server (fast: every connection is cut), keeps it down for <paramref name="downtime"/>, starts it again.</summary>
    public async Task RestartAsync(TimeSpan downtime)
    {
        await RunAsync("pg_ctl", "-D", _directory, "-m", "fast", "-w", "stop");
        await Task.Delay(downtime);
        await StartServerAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(_directory, "postmaster.pid")))
            {
                await RunAsync("pg_ctl", "-D", _directory, "-m", "immediate", "-w", "stop");
            }
        }
        finally
        {
            if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
    }

    private Task StartServerAsync() =>
        RunAsync(
            "pg_ctl", "-D", _directory, "-w", "-t", "60", "-l", Path.Combine(_directory, "server.log"),
            "-o", $"-p {_port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100",
            "start");

    private async Task RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // The server refuses to run as root: as root, run its tools as the postgres user.
        if (Environment.UserName == "root")
        {
            start.FileName = "runuser";
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add("postgres");
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(Path.Combine(_bin, tool));
        }
        else
        {
            start.FileName = Path.Combine(_bin, tool);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(CommandTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    private static string? FindUnavailableReason()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "not Linux.";
        }

        if (BinDirectory() is null)
        {
            return "no /usr/lib/postgresql/<version>/bin with initdb and pg_ctl (apt-get install postgresql).";
        }

        if (Environment.UserName == "root" && (!File.Exists("/usr/sbin/runuser") && !File.Exists("/usr/bin/runuser")
            || !File.ReadLines("/etc/passwd").Any(line => line.StartsWith("postgres:", StringComparison.Ordinal))))
        {
            return "running as root without runuser or a postgres user to run the server as.";
        }

        return null;
    }

    private static string? BinDirectory()
    {
        const string Root = "/usr/lib/postgresql";
        if (!Directory.Exists(Root))
        {
            return null;
        }

        return Directory.GetDirectories(Root)
            .Select(version => Path.Combine(version, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
            .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
