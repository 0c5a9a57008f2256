namespace Crawler.Grains.Robots;

/// <summary>
/// The product name that selects a group: the text before the first '/' or whitespace, on both sides,
/// so <c>CrawlerBot/0.1 (+https://...)</c> and a robots.txt line <c>User-agent: CrawlerBot/2</c> both
/// come down to <c>CrawlerBot</c>.
/// </summary>
internal static class ProductToken
{
    public static ReadOnlySpan<char> Of(ReadOnlySpan<char> userAgent)
    {
        userAgent = userAgent.Trim();
        var end = userAgent.IndexOfAny(" \t/");
        return end < 0 ? userAgent : userAgent[..end];
    }

    public static ReadOnlySpan<byte> Of(ReadOnlySpan<byte> userAgent)
    {
        var end = userAgent.IndexOfAny(" \t/"u8);
        return end < 0 ? userAgent : userAgent[..end];
    }
}
