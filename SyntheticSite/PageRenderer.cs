using System.Globalization;
using System.Text;

namespace Crawler.SyntheticSite;

/// <summary>
/// Renders pages from the graph with real ports, once per page: the bytes are cached, since the same options
/// always give the same page.
/// </summary>
internal sealed class PageRenderer
{
    public const string BaseHref = "/p/";

    private const string Tail = "</main>\n</body>\n</html>\n";

    // A paragraph is closed at about this many characters, so filler reads like text rather than one long line.
    private const int ParagraphChars = 480;

    private static readonly string[] Words =
    [
        "crawler", "frontier", "politeness", "robots", "anchor", "fetch", "queue", "silo", "grain", "shard",
        "latency", "redirect", "canonical", "fragment", "scheme", "authority", "segment", "depth", "breadth",
        "index", "token", "stream", "socket", "loopback", "header", "status", "encoding", "document", "element",
        "attribute", "parser", "graph", "vertex", "edge", "seed", "random", "lorem", "ipsum", "dolor", "amet",
        "the", "a", "of", "and", "to", "in", "is", "that", "for", "on", "with", "as", "by", "at", "from",
    ];

    private readonly SiteLayout _layout;
    private readonly SiteGraph _graph;
    private readonly int _pageBytes;
    private readonly int _seed;
    private readonly byte[]?[] _cache;

    public PageRenderer(SiteLayout layout)
    {
        _layout = layout;
        _graph = layout.Graph;
        _pageBytes = _graph.Options.PageBytes;
        _seed = _graph.Options.Seed;
        _cache = new byte[]?[_graph.PageCount];
    }

    public SiteLayout Layout => _layout;

    /// <summary>The UTF-8 HTML of a page, rendered on first use.</summary>
    public byte[] GetPage(int page)
    {
        var cached = Volatile.Read(ref _cache[page]);
        if (cached is not null)
        {
            return cached;
        }

        // Two threads may render the same page at once; both results are identical, so either may win.
        var rendered = Encoding.UTF8.GetBytes(Render(page));
        return Interlocked.CompareExchange(ref _cache[page], rendered, null) ?? rendered;
    }

    public string Render(int page)
    {
        var random = PageRandom(page);

        // About one page in five carries a base, so crawlers must resolve against it rather than the page URL.
        var hasBase = random.Next(5) == 0;
        var pageHost = _graph.HostOfPage(page);

        // Relative spellings resolve correctly only against a /p/ directory: the page's own path, or the base.
        var relativeAllowed = hasBase || page > 0;
        var number = page.ToString(CultureInfo.InvariantCulture);

        var html = new StringBuilder(Math.Max(_pageBytes, 1024) + 256);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        if (hasBase)
        {
            html.Append("<base href=\"").Append(BaseHref).Append("\">\n");
        }

        html.Append("<title>Page ").Append(number).Append("</title>\n</head>\n<body>\n");
        html.Append("<h1>Page ").Append(number).Append("</h1>\n<nav>\n<ul>\n");

        var links = _graph.LinksOf(page);
        List<string>? areas = null;
        for (var position = 0; position < links.Length; position++)
        {
            var link = links[position];
            var href = Href(link, pageHost, relativeAllowed, hasBase, position, random);
            var text = LinkText(link);

            // A few links sit in an image map, so a crawler must read area elements as well as anchors.
            if (random.Next(8) == 0)
            {
                areas ??= [];
                areas.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"<area shape=\"rect\" coords=\"0,{position * 10},100,{(position * 10) + 9}\" href=\"{href}\" alt=\"{text}\">\n"));
            }
            else
            {
                html.Append("<li><a href=\"").Append(href).Append("\">").Append(text).Append("</a></li>\n");
            }
        }

        html.Append("</ul>\n");
        if (areas is not null)
        {
            html.Append("<map name=\"map").Append(number).Append("\">\n");
            foreach (var area in areas)
            {
                html.Append(area);
            }

            html.Append("</map>\n");
        }

        html.Append("</nav>\n<main>\n");
        AppendFiller(html, random);
        html.Append(Tail);
        return html.ToString();
    }

    private static string LinkText(SiteTarget link) => link.Kind switch
    {
        LinkKind.Page => string.Create(CultureInfo.InvariantCulture, $"Page {link.Page}"),
        LinkKind.Redirect => string.Create(CultureInfo.InvariantCulture, $"Moved {link.Page}"),
        LinkKind.NotFound => string.Create(CultureInfo.InvariantCulture, $"Missing {link.Page}-{link.Index}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"Elsewhere {link.Page}-{link.Index}"),
    };

    private string Href(
        SiteTarget link,
        int pageHost,
        bool relativeAllowed,
        bool hasBase,
        int position,
        Random random)
    {
        var origin = _layout.OriginOf(link);
        var path = SiteLayout.PathOf(link);
        var fragment = string.Create(CultureInfo.InvariantCulture, $"#section-{position}");
        if (_graph.HostOf(link) != pageHost)
        {
            // Another host (or the external one) can only be named absolutely.
            return random.Next(3) switch
            {
                0 => origin + path,
                1 => UpperScheme(origin) + path,
                _ => origin + path + fragment,
            };
        }

        var relativeTarget = relativeAllowed && link.Kind == LinkKind.Page && link.Page > 0;
        HrefSpelling spelling;
        if (relativeTarget && hasBase && random.Next(2) == 0)
        {
            // Pages with a base are there to exercise base resolution, so they favour the bare relative form.
            spelling = HrefSpelling.Relative;
        }
        else
        {
            spelling = (HrefSpelling)random.Next(relativeTarget ? 7 : 4);
        }

        var number = link.Page.ToString(CultureInfo.InvariantCulture);
        return spelling switch
        {
            HrefSpelling.PathAbsolute => path,
            HrefSpelling.Absolute => origin + path,
            HrefSpelling.UpperScheme => UpperScheme(origin) + path,
            HrefSpelling.Fragment => path + fragment,
            HrefSpelling.Relative => number,
            HrefSpelling.DotRelative => "./" + number,
            HrefSpelling.DotDotRelative => "../p/" + number,
            _ => throw new InvalidOperationException($"Unknown spelling {spelling}."),
        };
    }

    private static string UpperScheme(string origin) =>
        string.Concat(SiteLayout.Scheme.ToUpperInvariant(), origin.AsSpan(SiteLayout.Scheme.Length));

    private void AppendFiller(StringBuilder html, Random random)
    {
        const string Open = "<p>";
        const string Close = "</p>\n";
        var target = _pageBytes - Tail.Length;
        while (html.Length + Open.Length + Close.Length < target)
        {
            html.Append(Open);
            var paragraphStart = html.Length;
            var first = true;
            while (html.Length + Close.Length < target && html.Length - paragraphStart < ParagraphChars)
            {
                var word = Words[random.Next(Words.Length)];
                if (first)
                {
                    html.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
                    first = false;
                }
                else
                {
                    html.Append(' ').Append(word);
                }
            }

            html.Append('.').Append(Close);
        }
    }

    private Random PageRandom(int page) => new(unchecked((_seed * 1_000_003) + (page * 7_919) + 17));
}
