using Microsoft.Extensions.Hosting;

namespace Crawler.SyntheticSite;

/// <summary>
/// Replaces the console lifetime, which would hook Ctrl+C and SIGTERM of whatever process hosts the site
/// (a test run, a benchmark). The owner of <see cref="SyntheticWebSite"/> decides when it stops.
/// </summary>
internal sealed class QuietHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
