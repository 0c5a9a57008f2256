using Crawler.Client.Cli;
using Crawler.Client.Tests.Infrastructure;
using Crawler.Silo.Tests.Infrastructure;

namespace Crawler.Client.Tests.Cli;

/// <summary>The commands against a silo that requires an API key.</summary>
public sealed class GatewayKeyTests : IAsyncLifetime, IDisposable
{
    private const string Key = "client-test-key-42";
    private readonly CliRun _cli = new();
    private RunningSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await RunningSilo.StartAsync("http://127.0.0.1:0", $"--Gateway:ApiKey={Key}");

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Cluster_NoKey_SaysAKeyIsNeededAndExitsWithFailure()
    {
        var exit = await _cli.RunAsync("cluster", "--gateway", _silo.Address.ToString());

        Assert.Equal(CrawlerCli.ExitFailed, exit);
        Assert.Contains("needs an API key: pass --api-key or set CRAWLER_API_KEY", _cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_WrongKey_SaysTheKeyWasRefused()
    {
        var exit = await _cli.RunAsync("status", "job-1", "--gateway", _silo.Address.ToString(), "--api-key", "not-the-key");

        Assert.Equal(CrawlerCli.ExitFailed, exit);
        Assert.Equal($"crawler: error: the gateway at {_silo.Address} refused the API key", _cli.Error.TrimEnd());
    }

    [Fact]
    public async Task Cluster_KeyOnTheCommandLine_IsServed()
    {
        var exit = await _cli.RunAsync("cluster", "--gateway", _silo.Address.ToString(), "--api-key", Key);

        Assert.Equal(CrawlerCli.ExitOk, exit);
    }

    [Fact]
    public async Task Cluster_KeyFromEnvironment_IsServed()
    {
        _cli.Environment[GatewayOptionSet.ApiKeyVariable] = Key;

        var exit = await _cli.RunAsync("cluster", "--gateway", _silo.Address.ToString());

        Assert.Equal(CrawlerCli.ExitOk, exit);
        Assert.Contains("(this gateway)", _cli.Out, StringComparison.Ordinal);
    }
}
