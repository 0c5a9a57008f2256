using System.CommandLine;
using Crawler.Client.Cli;
using Crawler.Client.Crawling;
using Crawler.Grains.Fetching;
using Crawler.Grains.Interfaces;

namespace Crawler.Client.Tests.Cli;

public sealed class CrawlOptionSetTests
{
    private const string Seed = "http://127.0.0.1:1/";

    private static CrawlSettings Parse(CrawlDefaults defaults, params string[] args)
    {
        var options = new CrawlOptionSet();
        var command = new Command("crawl");
        options.AddTo(command);
        var parse = command.Parse(args);
        Assert.Empty(parse.Errors);
        return options.ToSettings(parse, [Seed], defaults);
    }

    [Fact]
    public void ToSettings_NoSafetyFlags_KeepsTheSafeDefaults()
    {
        var settings = Parse(CrawlDefaults.Crawl);

        Assert.False(settings.Spec.AllowPrivateNetworks);
        Assert.True(settings.Spec.RespectNoFollow);
        Assert.False(settings.Spec.UseSitemaps);
        Assert.Equal(CrawlJobSpec.DefaultMaxUrlsPerHost, settings.Spec.MaxUrlsPerHost);
        Assert.Equal(CrawlerOptions.DefaultUserAgent, settings.UserAgent);
    }

    [Fact]
    public void ToSettings_SafetyFlags_ReachTheSpecAndTheSilo()
    {
        var settings = Parse(
            CrawlDefaults.Crawl,
            "--allow-private-networks", "--ignore-nofollow", "--sitemaps", "--max-urls-per-host", "500", "--user-agent", "MyBot/2.0 (+https://example.test/bot)");

        Assert.True(settings.Spec.AllowPrivateNetworks);
        Assert.False(settings.Spec.RespectNoFollow);
        Assert.True(settings.Spec.UseSitemaps);
        Assert.Equal(500, settings.Spec.MaxUrlsPerHost);
        Assert.Equal("MyBot/2.0 (+https://example.test/bot)", settings.UserAgent);
    }

    [Fact]
    public void ToSettings_Demo_AllowsPrivateNetworksForItsOwnLoopbackSite()
    {
        Assert.True(Parse(CrawlDefaults.Demo).Spec.AllowPrivateNetworks);
    }

    [Theory]
    [InlineData("--max-urls-per-host", "0")]
    [InlineData("--user-agent", "bad agent\u0001")]
    [InlineData("--user-agent", " ")]
    public void ToSettings_BadSafetyValue_IsAUsageError(string option, string value)
    {
        var exception = Assert.Throws<CliException>(() => Parse(CrawlDefaults.Crawl, option, value));

        Assert.Contains(option, exception.Message, StringComparison.Ordinal);
    }
}
