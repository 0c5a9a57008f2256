namespace Crawler.SyntheticSite.Tests;

internal static class TestHttp
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>A client that shows redirects instead of following them, and never goes through a proxy.</summary>
    public static HttpClient CreateClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
}
