using System.Globalization;
using Crawler.Bench.Measuring;
using Crawler.Bench.Processes;

namespace Crawler.Bench.Cluster;

/// <summary>
/// One process of the published Silo on PostgreSQL (or, without a connection string, in memory), on a loopback port of
/// its own, shaped only by its command line (the harness's environment says nothing about its URLs or settings).
/// Measured live from /proc.
/// </summary>
public sealed class BenchSilo : IAsyncDisposable
{
    /// <summary>A silo hands its partitions over on SIGTERM; past this it is killed, and the run says so.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _process;

    private BenchSilo(string siloId, int port, ChildProcess process)
    {
        SiloId = siloId;
        Address = new Uri($"http://127.0.0.1:{port}");
        _process = process;
    }

    public string SiloId { get; }

    /// <summary>Its gateway, dashboard and /health.</summary>
    public Uri Address { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string LogPath => _process.LogPath;

    /// <param name="connectionString">Its --postgres; null runs the silo alone in memory (no --postgres given).</param>
    /// <param name="settings">Further command-line settings (<c>--Silo:CollectionAge=00:30:00</c>).</param>
    public static BenchSilo Start(
        string siloDll, string siloId, string? connectionString, int maxConcurrentFetches, string directory, IReadOnlyList<string>? settings = null)
    {
        var port = FreePort.Next();
        string[] postgres = connectionString is null ? [] : ["--postgres", connectionString];
        string[] arguments =
        [
            siloDll,
            .. postgres,
            "--urls", $"http://127.0.0.1:{port}",
            $"--Silo:SiloId={siloId}",
            string.Create(CultureInfo.InvariantCulture, $"--Crawler:MaxConcurrentFetches={maxConcurrentFetches}"),
            .. settings ?? [],
        ];
        Dictionary<string, string?> environment = new(StringComparer.Ordinal) { ["DOTNET_ENVIRONMENT"] = "Production" };
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (name.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || name.StartsWith("Silo__", StringComparison.Ordinal)
                || name.StartsWith("Crawler__", StringComparison.Ordinal) || name.StartsWith("ConnectionStrings__", StringComparison.Ordinal))
            {
                environment[name] = null;
            }
        }

        // The working directory takes the silo's rolling JSON log (logs/ under it), beside its console output.
        var process = ChildProcess.Start("dotnet", arguments, directory, Path.Combine(directory, $"{siloId}.log"), environment);
        return new BenchSilo(siloId, port, process);
    }

    public ProcessSample Sample() => _process.Sample();

    /// <summary>SIGTERM; true if the silo handed over and exited within <see cref="StopGrace"/>, false if it had to be killed.</summary>
    public Task<bool> StopAsync() => _process.StopAsync(StopGrace);

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
