namespace Crawler.SyntheticSite.Tests;

public sealed class SiteGraphTests
{
    private static SiteTarget[][] AllLinks(SiteGraph graph) =>
        [.. Enumerable.Range(0, graph.PageCount).Select(page => graph.LinksOf(page).ToArray())];

    [Fact]
    public void Constructor_SameOptions_SameLinks()
    {
        var options = new SiteOptions { Pages = 500, Hosts = 3 };

        var first = AllLinks(new SiteGraph(options));
        var second = AllLinks(new SiteGraph(options with { }));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Constructor_DifferentSeed_DifferentLinks()
    {
        var options = new SiteOptions { Pages = 500, Hosts = 3 };

        var first = AllLinks(new SiteGraph(options));
        var second = AllLinks(new SiteGraph(options with { Seed = options.Seed + 1 }));

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void LinksOf_AnyPage_StartsWithTreeChildrenThenExtraLinksWithinBounds()
    {
        var options = new SiteOptions { Pages = 300, MinLinks = 3, MaxLinks = 6 };
        var graph = new SiteGraph(options);

        for (var page = 0; page < graph.PageCount; page++)
        {
            var links = graph.LinksOf(page);
            var children = Enumerable.Range((2 * page) + 1, 2).Where(child => child < graph.PageCount).ToArray();
            for (var i = 0; i < children.Length; i++)
            {
                Assert.Equal(SiteTarget.ForPage(children[i]), links[i]);
            }

            var extra = links.Length - children.Length;
            Assert.InRange(extra, options.MinLinks, options.MaxLinks);
        }
    }

    [Fact]
    public void LinksOf_ExtraPageLinks_NeverPointToThePageItself()
    {
        var graph = new SiteGraph(new SiteOptions { Pages = 400 });

        for (var page = 0; page < graph.PageCount; page++)
        {
            foreach (var link in graph.LinksOf(page))
            {
                Assert.False(link.Kind == LinkKind.Page && link.Page == page, $"page {page} links to itself");
            }
        }
    }

    [Fact]
    public void Constructor_TwoThousandPages_RatiosRoughlyRespected()
    {
        var options = new SiteOptions { Pages = 2000, NotFoundRatio = 0.1, RedirectRatio = 0.05, ExternalRatio = 0.03 };
        var graph = new SiteGraph(options);
        var counts = new Dictionary<LinkKind, int>();
        var extraLinks = 0;
        for (var page = 0; page < graph.PageCount; page++)
        {
            var links = graph.LinksOf(page);
            var treeLinks = Enumerable.Range((2 * page) + 1, 2).Count(child => child < graph.PageCount);
            foreach (var link in links[treeLinks..])
            {
                extraLinks++;
                counts[link.Kind] = counts.GetValueOrDefault(link.Kind) + 1;
            }
        }

        // About 20,000 extra links: a 20% relative band is many standard deviations wide for each share.
        Assert.InRange(counts[LinkKind.NotFound] / (double)extraLinks, 0.08, 0.12);
        Assert.InRange(counts[LinkKind.Redirect] / (double)extraLinks, 0.04, 0.06);
        Assert.InRange(counts[LinkKind.External] / (double)extraLinks, 0.024, 0.036);
        Assert.InRange(counts[LinkKind.Page] / (double)extraLinks, 0.78, 0.86);
    }

    [Fact]
    public void Constructor_ZeroRatios_OnlyPageLinks()
    {
        var graph = new SiteGraph(new SiteOptions { Pages = 300, NotFoundRatio = 0, RedirectRatio = 0, ExternalRatio = 0 });

        for (var page = 0; page < graph.PageCount; page++)
        {
            foreach (var link in graph.LinksOf(page))
            {
                Assert.Equal(LinkKind.Page, link.Kind);
            }
        }
    }

    [Fact]
    public void HostOf_Targets_FollowTheLayoutRules()
    {
        var graph = new SiteGraph(new SiteOptions { Pages = 100, Hosts = 4 });

        Assert.Equal(3, graph.HostOf(SiteTarget.ForPage(7)));
        Assert.Equal(1, graph.HostOf(SiteTarget.ForRedirect(9)));
        Assert.Equal(2, graph.HostOf(SiteTarget.ForNotFound(6, 3)));
        Assert.Equal(SiteGraph.ExternalHost, graph.HostOf(SiteTarget.ForExternal(6, 3)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Depths_AllHosts_EveryPageReachable(int hosts)
    {
        var graph = new SiteGraph(new SiteOptions { Pages = 1000, Hosts = hosts });

        var depths = graph.Depths(SiteScope.AllHosts);

        for (var page = 0; page < graph.PageCount; page++)
        {
            Assert.True(depths.ContainsKey(SiteTarget.ForPage(page)), $"page {page} is unreachable");
        }
    }

    [Fact]
    public void Depths_AllHosts_NoPageDeeperThanItsTreeDepth()
    {
        var graph = new SiteGraph(new SiteOptions { Pages = 1000, Hosts = 3 });

        var depths = graph.Depths(SiteScope.AllHosts);

        for (var page = 0; page < graph.PageCount; page++)
        {
            Assert.InRange(depths[SiteTarget.ForPage(page)], 0, (int)Math.Floor(Math.Log2(page + 1)));
        }

        Assert.Equal(0, depths[SiteTarget.ForPage(0)]);
    }

    [Fact]
    public void Depths_AllHosts_NeverContainsExternalTargets()
    {
        var graph = new SiteGraph(new SiteOptions { Pages = 500, ExternalRatio = 0.2 });

        var depths = graph.Depths(SiteScope.AllHosts);

        Assert.DoesNotContain(depths.Keys, target => target.Kind == LinkKind.External);
        Assert.Contains(depths.Keys, target => target.Kind == LinkKind.NotFound);
        Assert.Contains(depths.Keys, target => target.Kind == LinkKind.Redirect);
    }

    [Fact]
    public void Depths_RedirectFromRoot_TargetKeepsTheRedirectDepth()
    {
        // Every extra link is a redirect, so a page deep in the tree reached from the root's redirect sits at depth 1.
        var graph = new SiteGraph(new SiteOptions { Pages = 1000, MinLinks = 6, MaxLinks = 6, RedirectRatio = 1, NotFoundRatio = 0, ExternalRatio = 0 });
        var redirects = graph.LinksOf(0).ToArray().Where(link => link.Kind == LinkKind.Redirect).ToArray();

        var depths = graph.Depths(SiteScope.AllHosts);

        Assert.Contains(redirects, redirect => redirect.Page > 2);
        foreach (var redirect in redirects)
        {
            Assert.Equal(1, depths[redirect]);
            Assert.Equal(redirect.Page == 0 ? 0 : 1, depths[SiteTarget.ForPage(redirect.Page)]);
        }
    }

    [Fact]
    public void Depths_EveryNode_HasAPredecessorOneLevelUpOrARedirectAtTheSameLevel()
    {
        var graph = new SiteGraph(new SiteOptions { Pages = 800, Hosts = 2, RedirectRatio = 0.1, NotFoundRatio = 0.05 });
        var depths = graph.Depths(SiteScope.AllHosts);
        var best = new Dictionary<SiteTarget, int> { [SiteTarget.ForPage(0)] = 0 };
        foreach (var (node, depth) in depths)
        {
            if (node.Kind == LinkKind.Page)
            {
                foreach (var link in graph.LinksOf(node.Page))
                {
                    best[link] = Math.Min(best.GetValueOrDefault(link, int.MaxValue), depth + 1);
                }
            }
            else if (node.Kind == LinkKind.Redirect)
            {
                var page = SiteTarget.ForPage(node.Page);
                best[page] = Math.Min(best.GetValueOrDefault(page, int.MaxValue), depth);
            }
        }

        // A node's depth is the best any of its predecessors offers: shortest paths, with redirects free.
        foreach (var (node, depth) in depths)
        {
            Assert.Equal(best[node], depth);
        }
    }

    [Fact]
    public void Depths_MaxDepth_KeepsOnlyNodesAtOrAboveIt()
    {
        var graph = new SiteGraph(new SiteOptions { Pages = 1000, Hosts = 2 });
        var all = graph.Depths(SiteScope.AllHosts);

        for (var maxDepth = 0; maxDepth <= 4; maxDepth++)
        {
            var limited = graph.Depths(SiteScope.AllHosts, maxDepth);
            var expected = all.Where(pair => pair.Value <= maxDepth).OrderBy(pair => pair.Key.ToString()).ToArray();
            Assert.Equal(expected, limited.OrderBy(pair => pair.Key.ToString()).ToArray());
        }

        Assert.Equal([SiteTarget.ForPage(0)], graph.Depths(SiteScope.AllHosts, 0).Keys);
    }

    [Fact]
    public void Depths_RootHost_StaysOnHostZeroAndIsSmallerThanAllHosts()
    {
        var graph = new SiteGraph(new SiteOptions { Pages = 1000, Hosts = 5 });

        var rootHost = graph.Depths(SiteScope.RootHost);
        var allHosts = graph.Depths(SiteScope.AllHosts);

        Assert.All(rootHost.Keys, target => Assert.Equal(0, graph.HostOf(target)));
        Assert.All(rootHost, pair => Assert.True(allHosts[pair.Key] <= pair.Value));
        Assert.True(rootHost.Count > 1);
        Assert.True(rootHost.Count < allHosts.Count(pair => graph.HostOf(pair.Key) == 0));
    }

    [Fact]
    public void Depths_NegativeMaxDepth_Throws()
    {
        var graph = new SiteGraph(new SiteOptions { Pages = 10 });

        Assert.Throws<ArgumentOutOfRangeException>(() => graph.Depths(SiteScope.AllHosts, -1));
    }
}
