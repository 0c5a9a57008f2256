using System.Globalization;

namespace Crawler.SyntheticSite.Hostile;

/// <summary>The paths a <see cref="HostileServer"/> serves, and the numbers its misbehaviour is built on.</summary>
public static class HostilePaths
{
    /// <summary>Links to every single-page case; the pages made for whole crawls (<see cref="Ssrf"/>, <see cref="TooManyRequestsStorm"/>, the sitemaps) are left out.</summary>
    public const string Root = "/";

    /// <summary>A status line, then one header byte a second, forever (slowloris).</summary>
    public const string SlowHeaders = "/slow-headers";

    /// <summary>200 text/html whose body never ends.</summary>
    public const string Endless = "/endless";

    /// <summary>Claims <see cref="LyingContentLength"/> bytes, sends <see cref="LyingBytesSent"/>, then closes.</summary>
    public const string LyingLength = "/lying-length";

    /// <summary>Content-Encoding: gzip, about 1 MiB that inflates to <see cref="GzipBombInflatedBytes"/> (DEFLATE's limit is about 1:1032).</summary>
    public const string GzipBomb = "/gzip-bomb";

    /// <summary>Content-Encoding: gzip, gzip, a few KB that inflate to <see cref="GzipBombInflatedBytes"/>.</summary>
    public const string GzipBombNested = "/gzip-bomb-nested";

    /// <summary>302 to <see cref="RedirectLoopB"/>.</summary>
    public const string RedirectLoopA = "/redirect-loop/a";

    /// <summary>302 to <see cref="RedirectLoopA"/>.</summary>
    public const string RedirectLoopB = "/redirect-loop/b";

    /// <summary>The prefix of <c>/too-many-redirects/{n}</c>, each a 302 to n + 1.</summary>
    public const string TooManyRedirectsPrefix = "/too-many-redirects/";

    /// <summary>429 with <c>Retry-After: 2</c>, always.</summary>
    public const string TooManyRequests = "/429";

    /// <summary>503 with an HTTP-date Retry-After <see cref="ServiceUnavailableRetryAfter"/> ahead, always.</summary>
    public const string ServiceUnavailable = "/503-retry-after";

    public const string Robots = "/robots.txt";

    /// <summary>A page that must never be fetched when robots.txt disallows <c>/private/</c>.</summary>
    public const string PrivateSecret = "/private/secret";

    /// <summary>Headers and part of the body, then a TCP reset.</summary>
    public const string ResetMidBody = "/reset-mid-body";

    /// <summary>200 text/html; charset=utf-8 with invalid UTF-8 sequences and a link to <see cref="BrokenHtml"/>.</summary>
    public const string InvalidUtf8 = "/invalid-utf8";

    /// <summary>Unclosed tags and stray '&lt;', with a link to <see cref="CharsetMeta"/>.</summary>
    public const string BrokenHtml = "/broken-html";

    /// <summary><see cref="ManyLinksCount"/> distinct links on one page.</summary>
    public const string ManyLinks = "/many-links";

    /// <summary>The prefix of <c>/calendar/{yyyy}/{mm}</c>, each month linking to the months either side, forever.</summary>
    public const string CalendarPrefix = "/calendar/";

    /// <summary>The prefix of a relative-link trap: every page under it links to <c>x/</c>, so <c>/trap/x/x/x/...</c> never ends.</summary>
    public const string RelativeTrap = "/trap/";

    /// <summary>500, always.</summary>
    public const string InternalError = "/500";

    /// <summary>500 the first <see cref="FlakyFailures"/> times per server, then 200.</summary>
    public const string Flaky = "/flaky";

    /// <summary>A windows-1252 body whose charset is declared only in <c>&lt;meta charset&gt;</c>.</summary>
    public const string CharsetMeta = "/charset-meta";

    /// <summary>application/octet-stream, <see cref="BinaryBytes"/> bytes.</summary>
    public const string Binary = "/binary";

    /// <summary>Links to <see cref="TooManyRequestsStormSize"/> URLs <c>/429?n={i}</c>, each always 429 with its Retry-After.</summary>
    public const string TooManyRequestsStorm = "/429-storm";

    /// <summary>Links to cloud-metadata, private and link-local addresses, and back to this server: a page steering a crawler into its own network.</summary>
    public const string Ssrf = "/ssrf";

    /// <summary>The targets of <see cref="Ssrf"/> that are not this server.</summary>
    public static readonly IReadOnlyList<string> SsrfTargets =
    [
        "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/latest/meta-data/", "http://10.0.0.1/", "http://169.254.1.1/",
    ];

    /// <summary>A gzip sitemap index, listed by robots.txt under <see cref="RobotsBehavior.WithSitemaps"/>.</summary>
    public const string SitemapIndex = "/sitemaps/index.xml.gz";

    /// <summary>A gzip XML urlset listing the first half of the <see cref="FromSitemap"/> pages.</summary>
    public const string SitemapXmlGzip = "/sitemaps/pages.xml.gz";

    /// <summary>A text sitemap listing the second half of the <see cref="FromSitemap"/> pages and the root.</summary>
    public const string SitemapText = "/sitemaps/pages.txt";

    /// <summary>The prefix of <c>/from-sitemap/{i}</c>: pages no page links to, only the sitemaps list.</summary>
    public const string FromSitemapPrefix = "/from-sitemap/";

    public const int FromSitemapCount = 10;

    public const int TooManyRequestsStormSize = 5;
    public const int LyingContentLength = 100_000;
    public const int LyingBytesSent = 10;
    public const int ResetAfterBodyBytes = 1000;
    public const int ManyLinksCount = 100_000;
    public const int TooManyRequestsRetryAfterSeconds = 2;
    public const int FlakyFailures = 2;
    public const int BinaryBytes = 64 * 1024;
    public const long GzipBombInflatedBytes = 1L << 30;

    public static readonly TimeSpan ServiceUnavailableRetryAfter = TimeSpan.FromSeconds(3);

    /// <summary>The text of <see cref="CharsetMeta"/>'s title and paragraph, as it reads when decoded right.</summary>
    public const string CharsetMetaText = "Café “quoted” €5";

    /// <summary><c>/too-many-redirects/{n}</c>.</summary>
    public static string TooManyRedirects(int n) => string.Create(CultureInfo.InvariantCulture, $"{TooManyRedirectsPrefix}{n}");

    /// <summary><c>/calendar/{yyyy}/{mm}</c>.</summary>
    public static string Calendar(int year, int month) => string.Create(CultureInfo.InvariantCulture, $"{CalendarPrefix}{year:0000}/{month:00}");

    /// <summary><c>/from-sitemap/{i}</c>, a page only the sitemaps list.</summary>
    public static string FromSitemap(int i) => string.Create(CultureInfo.InvariantCulture, $"{FromSitemapPrefix}{i}");

    /// <summary>The i-th link of <see cref="TooManyRequestsStorm"/>.</summary>
    public static string TooManyRequestsStormTarget(int i) => string.Create(CultureInfo.InvariantCulture, $"{TooManyRequests}?n={i}");

    /// <summary>The path of the i-th link of <see cref="ManyLinks"/>.</summary>
    public static string ManyLinksTarget(int i) => string.Create(CultureInfo.InvariantCulture, $"{ManyLinks}/{i}");
}
