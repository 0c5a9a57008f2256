namespace Crawler.SyntheticSite;

/// <summary>
/// The link structure of a synthetic site, computed from <see cref="SiteOptions"/> alone (no ports, no I/O),
/// so it can be reasoned about and tested without a server.
/// </summary>
public sealed class SiteGraph
{
    /// <summary>The host index reported for the external host.</summary>
    public const int ExternalHost = -1;

    private readonly int[] _offsets;
    private readonly SiteTarget[] _links;

    /// <summary>Builds the graph. Page i links first to its tree children 2i+1 and 2i+2, then to its extra links.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The options are invalid.</exception>
    public SiteGraph(SiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        PageCount = options.Pages;
        HostCount = options.Hosts;

        var random = new Random(options.Seed);
        var notFoundLimit = options.NotFoundRatio;
        var redirectLimit = notFoundLimit + options.RedirectRatio;
        var externalLimit = redirectLimit + options.ExternalRatio;
        var averageLinks = 2L + ((options.MinLinks + (long)options.MaxLinks) / 2);
        var links = new List<SiteTarget>((int)Math.Min(PageCount * averageLinks, 1 << 24));
        _offsets = new int[PageCount + 1];

        for (var page = 0; page < PageCount; page++)
        {
            _offsets[page] = links.Count;
            var firstChild = (2L * page) + 1;
            if (firstChild < PageCount)
            {
                links.Add(SiteTarget.ForPage((int)firstChild));
            }

            if (firstChild + 1 < PageCount)
            {
                links.Add(SiteTarget.ForPage((int)firstChild + 1));
            }

            var extra = random.Next(options.MinLinks, options.MaxLinks + 1);
            for (var index = 0; index < extra; index++)
            {
                var draw = random.NextDouble();
                if (draw < notFoundLimit)
                {
                    links.Add(SiteTarget.ForNotFound(page, index));
                }
                else if (draw < redirectLimit)
                {
                    links.Add(SiteTarget.ForRedirect(random.Next(PageCount)));
                }
                else if (draw < externalLimit)
                {
                    links.Add(SiteTarget.ForExternal(page, index));
                }
                else
                {
                    links.Add(SiteTarget.ForPage(OtherPage(random, page)));
                }
            }
        }

        _offsets[PageCount] = links.Count;
        _links = [.. links];
    }

    /// <summary>The options the graph was built from.</summary>
    public SiteOptions Options { get; }

    /// <summary>Number of pages.</summary>
    public int PageCount { get; }

    /// <summary>Number of hosts.</summary>
    public int HostCount { get; }

    /// <summary>Total number of links over all pages, duplicates included.</summary>
    public int LinkCount => _links.Length;

    /// <summary>The links of a page in document order: tree links first, then extra links.</summary>
    public ReadOnlySpan<SiteTarget> LinksOf(int page)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(page, PageCount);
        return _links.AsSpan(_offsets[page], _offsets[page + 1] - _offsets[page]);
    }

    /// <summary>The host index that serves a page.</summary>
    public int HostOfPage(int page) => page % HostCount;

    /// <summary>The host index that serves a target, or <see cref="ExternalHost"/>.</summary>
    public int HostOf(SiteTarget target) => target.Kind switch
    {
        LinkKind.External => ExternalHost,

        // Redirects live on the host of the page they lead to; missing URLs on the host of the linking page.
        _ => HostOfPage(target.Page),
    };

    /// <summary>
    /// Shortest depth of every node reachable from page 0. A link costs one level; following a redirect to its page
    /// costs none, as a crawler that treats a redirect as the same request would count it. External targets are
    /// never included.
    /// </summary>
    /// <param name="scope">Whether to stay on host 0 or cover every host.</param>
    /// <param name="maxDepth">Deepest level kept, or null for no bound.</param>
    public IReadOnlyDictionary<SiteTarget, int> Depths(SiteScope scope, int? maxDepth = null)
    {
        if (maxDepth is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDepth), maxDepth, "maxDepth must not be negative.");
        }

        var limit = maxDepth ?? int.MaxValue;
        var pageDepth = new int[PageCount];
        var redirectDepth = new int[PageCount];
        Array.Fill(pageDepth, -1);
        Array.Fill(redirectDepth, -1);
        var notFound = new List<(SiteTarget Target, int Depth)>();

        // Nodes are page ids (>= 0) or redirect ids encoded as ~t (< 0). Levels are processed in order; a redirect
        // appends its page to the level being processed, so this is a 0-1 BFS without a deque. An entry whose
        // recorded depth has since dropped is stale and skipped.
        var current = new List<int> { 0 };
        pageDepth[0] = 0;
        for (var level = 0; current.Count > 0; level++)
        {
            var next = new List<int>();
            for (var position = 0; position < current.Count; position++)
            {
                var node = current[position];
                if (node < 0)
                {
                    var target = ~node;
                    if (redirectDepth[target] == level && (pageDepth[target] < 0 || pageDepth[target] > level))
                    {
                        pageDepth[target] = level;
                        current.Add(target);
                    }

                    continue;
                }

                if (pageDepth[node] != level || level >= limit)
                {
                    continue;
                }

                var childDepth = level + 1;
                foreach (var link in LinksOf(node))
                {
                    if (scope == SiteScope.RootHost && HostOf(link) != 0)
                    {
                        continue;
                    }

                    switch (link.Kind)
                    {
                        case LinkKind.Page:
                            if (pageDepth[link.Page] < 0 || pageDepth[link.Page] > childDepth)
                            {
                                pageDepth[link.Page] = childDepth;
                                next.Add(link.Page);
                            }

                            break;
                        case LinkKind.Redirect:
                            if (redirectDepth[link.Page] < 0 || redirectDepth[link.Page] > childDepth)
                            {
                                redirectDepth[link.Page] = childDepth;
                                next.Add(~link.Page);
                            }

                            break;
                        case LinkKind.NotFound:
                            // A missing URL is unique to one link of one page, and each page is expanded once.
                            notFound.Add((link, childDepth));
                            break;
                        case LinkKind.External:
                            break;
                        default:
                            throw new InvalidOperationException($"Unknown link kind {link.Kind}.");
                    }
                }
            }

            current = next;
        }

        var depths = new Dictionary<SiteTarget, int>();
        for (var page = 0; page < PageCount; page++)
        {
            if (pageDepth[page] >= 0)
            {
                depths[SiteTarget.ForPage(page)] = pageDepth[page];
            }

            if (redirectDepth[page] >= 0)
            {
                depths[SiteTarget.ForRedirect(page)] = redirectDepth[page];
            }
        }

        foreach (var (target, depth) in notFound)
        {
            depths[target] = depth;
        }

        return depths;
    }

    private int OtherPage(Random random, int page)
    {
        if (PageCount == 1)
        {
            return 0;
        }

        // Drawing from N-1 values and skipping the page itself keeps the draw uniform over the other pages.
        var other = random.Next(PageCount - 1);
        return other >= page ? other + 1 : other;
    }
}
