using System.Globalization;
using Crawler.Runtime.Substrate;
using Crawler.Silo.Logging;
using Crawler.Silo.Tests.Infrastructure;
using Crawler.SyntheticSite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Serilog.Events;
using Serilog.Parsing;
using Xunit.Abstractions;
using SiloHost = Crawler.Runtime.Hosting.Silo;

namespace Crawler.Silo.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser (headless Chromium through Playwright) while a silo crawls a slow synthetic site:
/// the silo is listed, the job's done count rises, a host's row opens, a grain is looked up, and a screenshot of each
/// view is saved under the test output folder (<c>screenshots/</c>); and the log tail of two silos, tagged and filtered.
/// </summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    private const string JobId = "browser-crawl";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    [ChromiumFact]
    public async Task Dashboard_DuringACrawl_ShowsSiloProgressHostsAndGrains()
    {
        Assert.True(File.Exists(ChromiumFactAttribute.ExecutablePath), $"{ChromiumFactAttribute.ExecutablePath} is missing: .ci/run installs Debian's chromium.");

        // About 30 pages a second (3 hosts, one fetch at a time each, 100 ms a page): long enough to watch it run.
        await using var site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 1500, Hosts = 3, Latency = TimeSpan.FromMilliseconds(100) }, CancellationToken.None);
        await using var silo = await RunningSilo.StartAsync();
        var submission = System.Net.Http.Json.JsonContent.Create(new
        {
            jobId = JobId,
            spec = new { seeds = new[] { site.Root.ToString() }, minDelay = "00:00:00", perHostConcurrency = 1, scope = "domain" },
        });
        (await silo.Http.PostAsync("/api/jobs", submission)).EnsureSuccessStatusCode();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await OpenPageAsync(browser);

        try
        {
            await page.GotoAsync(new Uri(silo.Address, "/dashboard/#overview").ToString());
            await page.WaitForSelectorAsync("#ov-silos:text('1 / 1')");
            await ScreenshotAsync(page, "overview");

            // Silos: this one, up.
            await page.ClickAsync("#tabs a[data-tab=silos]");
            var siloRow = page.Locator("#silos-table tbody tr[data-silo]");
            await siloRow.First.WaitForAsync();
            Assert.Equal(1, await siloRow.CountAsync());
            Assert.Equal("up", await siloRow.First.Locator("td.state").InnerTextAsync());
            await ScreenshotAsync(page, "silos");

            // Jobs: the done count rises between two reads.
            await page.ClickAsync("#tabs a[data-tab=jobs]");
            var done = page.Locator($"#jobs-table tr[data-job='{JobId}'] td.done");
            await done.WaitForAsync();
            var first = long.Parse((await done.GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);
            await page.WaitForFunctionAsync(
                "([job, before]) => { const cell = document.querySelector(`#jobs-table tr[data-job='${job}'] td.done`); return cell && Number(cell.dataset.value) > before; }",
                new object[] { JobId, first });
            var second = long.Parse((await done.GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);
            Assert.True(second > first, $"done rose from {first} to {second}");
            await page.ClickAsync($"#jobs-table tr[data-job='{JobId}']");
            await page.WaitForSelectorAsync("#job-detail:not([hidden])");
            await ScreenshotAsync(page, "jobs");

            // Hosts: a row opens to its details.
            await page.ClickAsync("#tabs a[data-tab=hosts]");
            var hostRow = page.Locator("#hosts-table tbody tr[data-host]").First;
            await hostRow.WaitForAsync();
            var host = (await hostRow.GetAttributeAsync("data-host"))!;
            await hostRow.ClickAsync();
            await page.WaitForSelectorAsync("#host-detail:not([hidden])");
            Assert.Contains(host, await page.InnerTextAsync("#host-detail"), StringComparison.Ordinal);
            Assert.Contains(host, site.HostRoots.Select(r => r.GetLeftPart(UriPartial.Authority)));
            await ScreenshotAsync(page, "hosts");

            // Grains: the job's grain by its key.
            await page.ClickAsync("#tabs a[data-tab=grains]");
            await page.WaitForSelectorAsync("#lookup-type option[value=job]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
            await page.SelectOptionAsync("#lookup-type", "job");
            await page.FillAsync("#lookup-key", JobId);
            await page.ClickAsync("#lookup-go");
            await page.WaitForSelectorAsync("#lookup-result:has-text('\"partition\"')");
            var lookup = await page.InnerTextAsync("#lookup-result");
            Assert.Contains($"\"key\": \"{JobId}\"", lookup, StringComparison.Ordinal);
            Assert.Contains("\"active\": true", lookup, StringComparison.Ordinal);
            var shot = await ScreenshotAsync(page, "grains");
            Assert.True(new FileInfo(shot).Length > 0);
        }
        catch
        {
            await ScreenshotAsync(page, "failure");
            throw;
        }
        finally
        {
            await silo.Http.PostAsync($"/api/jobs/{JobId}/cancel", null);
        }
    }

    [ChromiumFact]
    public async Task Logs_TwoSilos_ShowsEachLineWithItsSiloAndFiltersBySilo()
    {
        Assert.True(File.Exists(ChromiumFactAttribute.ExecutablePath), $"{ChromiumFactAttribute.ExecutablePath} is missing: .ci/run installs Debian's chromium.");
        await using var silo = await RunningSilo.StartAsync();
        await using var peer = await RunningSilo.StartAsync(args: "--Silo:SiloId=peer-b");
        var now = DateTimeOffset.UtcNow;
        await silo.App.Services.GetRequiredService<ISubstrate>().UpsertSiloAsync(
            new SiloRecord("peer-b", peer.Address.ToString(), SiloStatus.Active, now, now.AddMinutes(5), 0), CancellationToken.None);
        var siloId = silo.App.Services.GetRequiredService<SiloHost>().SiloId;
        Write(silo, "a line of the silo opened");
        Write(peer, "a line of its peer");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await OpenPageAsync(browser);

        try
        {
            await page.GotoAsync(new Uri(silo.Address, "/dashboard/#logs").ToString());
            var peerLine = page.Locator("#log-lines div[data-silo='peer-b']", new PageLocatorOptions { HasTextString = "a line of its peer" });
            var ownLine = page.Locator($"#log-lines div[data-silo='{siloId}']", new PageLocatorOptions { HasTextString = "a line of the silo opened" });
            await peerLine.WaitForAsync();
            await ownLine.WaitForAsync();
            Assert.Equal("peer-b", await peerLine.Locator(".log-silo").InnerTextAsync());
            await ScreenshotAsync(page, "logs");

            await page.WaitForSelectorAsync("#logs-silo option[value='peer-b']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
            await page.SelectOptionAsync("#logs-silo", "peer-b");

            Assert.True(await peerLine.IsVisibleAsync());
            Assert.False(await ownLine.IsVisibleAsync());
        }
        catch
        {
            await ScreenshotAsync(page, "logs-failure");
            throw;
        }
    }

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.ExecutablePath,
            Headless = true,
            Args = ChromiumArgs,
        });

    /// <summary>A page the size of a laptop screen, patient as the tests are, that echoes the browser console to the test output.</summary>
    private async Task<IPage> OpenPageAsync(IBrowser browser)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        page.SetDefaultTimeout((float)Patience.TotalMilliseconds);
        page.Console += (_, message) => output.WriteLine($"browser console: {message.Text}");
        Directory.CreateDirectory(ScreenshotFolder);
        return page;
    }

    private static void Write(RunningSilo silo, string message) =>
        silo.App.Services.GetRequiredService<LogRing>().Emit(
            new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Error, null, new MessageTemplateParser().Parse(message), []));

    private async Task<string> ScreenshotAsync(IPage page, string view)
    {
        var path = Path.Combine(ScreenshotFolder, $"dashboard-{view}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
        return path;
    }
}
