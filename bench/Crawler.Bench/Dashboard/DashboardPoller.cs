using System.Net.Http.Headers;

namespace Crawler.Bench.Dashboard;

/// <summary>
/// Asks the dashboard for what its page asks, at the page's pace, without a browser (whose rendering would compete
/// with the crawl for the cores; a user's browser runs elsewhere). As Silo/Dashboard/Assets/dashboard.js does on
/// the overview tab: on load the page, its script and style sheet, and <c>api/grains/types</c>; then
/// <c>api/cluster</c> and <c>api/jobs</c> at once, and the next poll an interval after both answered
/// (<see cref="PageInterval"/>, or faster to magnify the cost).
/// </summary>
public sealed class DashboardPoller : IDisposable
{
    /// <summary>POLL_MS of dashboard.js.</summary>
    public static readonly TimeSpan PageInterval = TimeSpan.FromMilliseconds(2000);

    private static readonly TimeSpan StartupRetry = TimeSpan.FromMilliseconds(100);
    private static readonly string[] PageLoad = ["", "dashboard.css", "dashboard.js", "api/grains/types"];
    private static readonly string[] Poll = ["api/cluster", "api/jobs"];

    private readonly HttpClient _client;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;

    /// <param name="dashboardUrl">The dashboard's address as the CLI was given it (<c>http://127.0.0.1:PORT</c>).</param>
    /// <param name="interval">The wait between a poll's answers and the next poll.</param>
    /// <param name="time">The clock.</param>
    public DashboardPoller(Uri dashboardUrl, TimeSpan interval, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(dashboardUrl);
        _time = time;
        _interval = interval;
        _client = new HttpClient { BaseAddress = new Uri(dashboardUrl, "/dashboard/"), Timeout = TimeSpan.FromSeconds(30) };
        _client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>Loads the page, then polls until cancelled (the crawl has ended), then says how many polls were answered.</summary>
    public Task<PollCount> RunAsync(CancellationToken cancellationToken) => RunAsync(loadPage: true, cancellationToken);

    /// <summary>
    /// Polls until cancelled, then says how many polls were answered; the page's first requests only when
    /// <paramref name="loadPage"/> (without them every request counted is a poll's, for measuring one poll's cost).
    /// </summary>
    public async Task<PollCount> RunAsync(bool loadPage, CancellationToken cancellationToken)
    {
        var polls = 0;
        var failures = 0;
        var latency = TimeSpan.Zero;
        string? lastFailure = null;
        try
        {
            if (loadPage)
            {
                await LoadPageAsync(cancellationToken);
            }

            while (true)
            {
                var started = _time.GetTimestamp();
                try
                {
                    await Task.WhenAll(Poll.Select(path => GetAsync(path, cancellationToken)));
                    polls++;
                    latency += _time.GetElapsedTime(started);
                }
                catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    // The crawl ending closes the dashboard while a poll is on its way (or a poll timed out).
                    failures++;
                    lastFailure = ex.Message;
                }

                await Task.Delay(_interval, _time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new PollCount(polls, failures, latency, lastFailure);
        }
    }

    /// <summary>The page's first requests, retried until the crawler's dashboard answers (the process is starting).</summary>
    private async Task LoadPageAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                foreach (var path in PageLoad)
                {
                    await GetAsync(path, cancellationToken);
                }

                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(StartupRetry, _time, cancellationToken);
            }
        }
    }

    private async Task GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _client.GetAsync(path, HttpCompletionOption.ResponseContentRead, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _client.Dispose();
}
