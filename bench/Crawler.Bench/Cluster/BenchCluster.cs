using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Crawler.Bench.Cluster;

/// <summary>
/// Silo processes of the published Silo on a PostgreSQL schema of their own (the connection string's Search Path, a
/// fresh name per cluster), started together and ready once they share the partitions evenly. Disposing stops every
/// silo with SIGTERM, waits for its exit, and only then drops the schema.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly string _serverConnectionString;
    private readonly TextWriter _log;
    private readonly List<BenchSilo> _silos = [];

    private BenchCluster(string serverConnectionString, string schema, int poolSize, TextWriter log)
    {
        _serverConnectionString = serverConnectionString;
        _log = log;
        Schema = schema;
        var builder = new NpgsqlConnectionStringBuilder(serverConnectionString) { SearchPath = schema };
        if (!NamesPoolSize(serverConnectionString))
        {
            builder.MaxPoolSize = poolSize;
        }

        ConnectionString = builder.ConnectionString;
    }

    public string Schema { get; }

    /// <summary>What every silo gets as --postgres.</summary>
    public string ConnectionString { get; }

    public IReadOnlyList<BenchSilo> Silos => _silos;

    /// <summary>Any silo's gateway will do; the first one's.</summary>
    public Uri Gateway => _silos[0].Address;

    /// <summary>Whether every silo stopped by itself on SIGTERM with exit code 0; false once one had to be killed or failed.</summary>
    public bool StoppedGracefully { get; private set; } = true;

    /// <summary>Error lines the silos logged (a lost partition, a refused connection): a run with any deserves a look.</summary>
    public int LoggedErrors { get; private set; }

    /// <summary>Starts <paramref name="siloCount"/> silos and returns once all are active and share the partitions evenly.</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL cannot be reached, a silo exited, or the cluster did not form in time.</exception>
    /// <param name="poolSize">Connections each silo may hold, unless the connection string says; Npgsql's default of 100 per silo would exhaust a server shared by several silos.</param>
    public static async Task<BenchCluster> StartAsync(
        string siloDll, string serverConnectionString, int siloCount, int maxConcurrentFetches, int poolSize, string directory, TextWriter log, TimeProvider time, CancellationToken cancellationToken)
    {
        await EnsureServerAsync(serverConnectionString, cancellationToken);
        var cluster = new BenchCluster(serverConnectionString, $"bench_{Guid.NewGuid():N}"[..18], poolSize, log);
        try
        {
            for (var i = 0; i < siloCount; i++)
            {
                cluster._silos.Add(BenchSilo.Start(siloDll, $"bench-{i + 1}", cluster.ConnectionString, maxConcurrentFetches, directory));
            }

            await cluster.WaitUntilBalancedAsync(time, cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Every silo at once: a silo that hands its partitions to another one about to stop only delays the end.
        var stops = _silos.Select(async silo =>
        {
            if (!await silo.StopAsync())
            {
                StoppedGracefully = false;
                await _log.WriteLineAsync($"silo {silo.SiloId} did not stop within {BenchSilo.StopGrace.TotalSeconds:N0} s of SIGTERM and was killed; see {silo.LogPath}");
            }
            else if (silo.ExitCode != 0)
            {
                StoppedGracefully = false;
                await _log.WriteLineAsync($"silo {silo.SiloId} exited with {silo.ExitCode} on SIGTERM; see {silo.LogPath}");
            }

            await silo.DisposeAsync();
        });
        await Task.WhenAll(stops);
        LoggedErrors = _silos.Sum(s => File.ReadLines(s.LogPath).Count(line => line.Contains(" ERR] ", StringComparison.Ordinal) || line.Contains(" FTL] ", StringComparison.Ordinal)));
        if (LoggedErrors > 0)
        {
            await _log.WriteLineAsync($"the silos logged {LoggedErrors} errors; see the logs in {Path.GetDirectoryName(_silos[0].LogPath)}");
        }

        await using var dataSource = NpgsqlDataSource.Create(_serverConnectionString);
        await using var drop = dataSource.CreateCommand(string.Create(CultureInfo.InvariantCulture, $"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE"));
        await drop.ExecuteNonQueryAsync();
    }

    private static bool NamesPoolSize(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.ContainsKey("Maximum Pool Size") || given.ContainsKey("Max Pool Size") || given.ContainsKey("MaxPoolSize");
    }

    private static async Task EnsureServerAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await using var ping = dataSource.CreateCommand("SELECT 1");
            await ping.ExecuteScalarAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException)
        {
            throw new InvalidOperationException($"PostgreSQL does not answer at '{new NpgsqlConnectionStringBuilder(connectionString) { Password = null }}' ({ex.Message}); run scripts/postgres.sh crawler or give --postgres", ex);
        }
    }

    /// <summary>Asks the first silo's gateway for the membership and leases until every silo is active with its even share.</summary>
    private async Task WaitUntilBalancedAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var started = time.GetTimestamp();
        var last = "no answer";
        while (time.GetElapsedTime(started) < StartTimeout)
        {
            if (_silos.FirstOrDefault(s => s.HasExited) is { } exited)
            {
                throw new InvalidOperationException($"silo {exited.SiloId} exited while starting; see {exited.LogPath}");
            }

            try
            {
                using var cluster = await http.GetFromJsonAsync<JsonDocument>(new Uri(Gateway, "/api/cluster"), cancellationToken);
                var root = cluster!.RootElement;
                var partitions = root.GetProperty("partitionCount").GetInt32();
                var shares = root.GetProperty("silos").EnumerateArray()
                    .Where(s => s.GetProperty("status").GetString() == "active")
                    .ToDictionary(s => s.GetProperty("siloId").GetString()!, s => s.GetProperty("partitions").GetInt32(), StringComparer.Ordinal);
                last = string.Join(", ", shares.Select(s => $"{s.Key}: {s.Value}"));
                var share = partitions / _silos.Count;
                if (_silos.All(s => shares.TryGetValue(s.SiloId, out var held) && (held == share || held == share + 1))
                    && shares.Values.Sum() == partitions && root.GetProperty("unownedPartitions").GetInt32() == 0)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
            {
                // Not serving yet, or the membership is still forming.
                last = ex.Message;
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }

        throw new InvalidOperationException($"the {_silos.Count} silos did not share the partitions evenly within {StartTimeout.TotalSeconds:N0} s (last: {last}); logs in {Path.GetDirectoryName(_silos[0].LogPath)}");
    }
}
