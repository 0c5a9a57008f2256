namespace Crawler.Grains.Sitemaps;

/// <summary>Gathers the URLs of one sitemap file, keeping absolute http(s) URLs up to <see cref="SitemapParser.MaxUrls"/>.</summary>
internal sealed class SitemapUrlCollector
{
    /// <summary>Four times the 2,048 characters sitemaps.org allows: longer is no URL a server takes.</summary>
    public const int MaxUrlLength = 8 * 1024;

    private readonly List<string> _pages = [];
    private readonly List<string> _sitemaps = [];

    public bool IsFull => _pages.Count + _sitemaps.Count >= SitemapParser.MaxUrls;

    public void AddPage(ReadOnlySpan<char> candidate) => Add(_pages, candidate);

    public void AddSitemap(ReadOnlySpan<char> candidate) => Add(_sitemaps, candidate);

    public SitemapContent ToContent() => new(_pages, _sitemaps);

    private static bool IsHttpUrl(ReadOnlySpan<char> url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private void Add(List<string> urls, ReadOnlySpan<char> candidate)
    {
        var url = candidate.Trim();
        if (IsFull || url.IsEmpty || url.Length > MaxUrlLength || !IsHttpUrl(url))
        {
            return;
        }

        var text = url.ToString();
        if (Uri.TryCreate(text, UriKind.Absolute, out _))
        {
            urls.Add(text);
        }
    }
}
