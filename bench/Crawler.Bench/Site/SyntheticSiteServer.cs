using System.Globalization;
using Crawler.Bench.Processes;

namespace Crawler.Bench.Site;

/// <summary>
/// The project's synthetic site (the published SyntheticSite executable) in its own process: many hosts, one loopback
/// port each, with a latency before every answer, which nginx cannot add. It writes every URL a crawl of all its hosts
/// must record, so a crawl's results are checked exactly.
/// </summary>
public sealed class SyntheticSiteServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _process;

    private SyntheticSiteServer(ChildProcess process, Uri root, IReadOnlySet<string> reachable)
    {
        _process = process;
        Root = root;
        Reachable = reachable;
    }

    /// <summary>Page 0 on host 0: the seed.</summary>
    public Uri Root { get; }

    /// <summary>Every normalized URL a domain-scoped crawl from <see cref="Root"/> records (pages, 404s, redirects; never the external host).</summary>
    public IReadOnlySet<string> Reachable { get; }

    public static async Task<SyntheticSiteServer> StartAsync(string siteDll, int pages, int hosts, TimeSpan latency, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var reachablePath = Path.Combine(directory, "reachable.txt");
        File.Delete(reachablePath);
        string[] arguments =
        [
            siteDll,
            "--pages", pages.ToString(CultureInfo.InvariantCulture),
            "--hosts", hosts.ToString(CultureInfo.InvariantCulture),
            "--latency-ms", ((int)latency.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            "--reachable", reachablePath,
        ];
        var process = ChildProcess.Start("dotnet", arguments, directory, Path.Combine(directory, "site.log"));
        try
        {
            var root = new Uri(await process.FirstLineAsync(StartTimeout, cancellationToken));
            var reachable = new HashSet<string>(await File.ReadAllLinesAsync(reachablePath, cancellationToken), StringComparer.Ordinal);
            return new SyntheticSiteServer(process, root, reachable);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(TimeSpan.FromSeconds(10));
        await _process.DisposeAsync();
    }
}
