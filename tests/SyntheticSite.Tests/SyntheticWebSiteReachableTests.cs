namespace Crawler.SyntheticSite.Tests;

public sealed class SyntheticWebSiteReachableTests : IAsyncLifetime
{
    private SyntheticWebSite? _site;

    private SyntheticWebSite Site => _site ?? throw new InvalidOperationException("The site is not started.");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TestHttp.Timeout);
        _site = await SyntheticWebSite.StartAsync(new SiteOptions { Pages = 600, Hosts = 5, Seed = 11 }, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }

    private static string Origin(Uri root) => root.GetLeftPart(UriPartial.Authority);

    /// <summary>The set is closed under the scope's edges, and every member but the root is entered by one of them.</summary>
    private void AssertClosedAndMinimal(IReadOnlySet<string> reachable, Func<string, bool> inScope)
    {
        var entered = new HashSet<string>(StringComparer.Ordinal) { Site.Root.ToString() };
        for (var page = 0; page < Site.Graph.PageCount; page++)
        {
            var pageUrl = Site.PageUrl(page);
            if (!reachable.Contains(pageUrl))
            {
                continue;
            }

            foreach (var target in Site.TargetsOf(page).Where(inScope))
            {
                Assert.Contains(target, reachable);
                entered.Add(target);
            }
        }

        foreach (var url in reachable.Where(url => url.Contains("/r/", StringComparison.Ordinal)))
        {
            var page = int.Parse(url[(url.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains(Site.PageUrl(page), reachable);
            entered.Add(Site.PageUrl(page));
        }

        Assert.Subset(entered, reachable.ToHashSet());
    }

    [Fact]
    public void Reachable_RootHost_OnlyHostZeroUrlsClosedOverHostZeroEdges()
    {
        var rootOrigin = Origin(Site.Root) + "/";
        bool OnRootHost(string url) => url.StartsWith(rootOrigin, StringComparison.Ordinal);

        var rootHost = Site.Reachable(SiteScope.RootHost);

        Assert.All(rootHost, url => Assert.True(OnRootHost(url), url));
        Assert.Contains(Site.Root.ToString(), rootHost);
        Assert.True(rootHost.Count > 10);
        AssertClosedAndMinimal(rootHost, OnRootHost);
    }

    [Fact]
    public void Reachable_AllHosts_CoversEveryHostAndExcludesExternal()
    {
        var external = Origin(Site.ExternalRoot) + "/";
        bool OnSite(string url) => !url.StartsWith(external, StringComparison.Ordinal);

        var allHosts = Site.Reachable(SiteScope.AllHosts);

        Assert.Equal(5, Site.HostRoots.Count);
        foreach (var hostRoot in Site.HostRoots)
        {
            Assert.Contains(allHosts, url => url.StartsWith(hostRoot.ToString(), StringComparison.Ordinal));
        }

        Assert.DoesNotContain(allHosts, url => url.StartsWith(external, StringComparison.Ordinal));
        for (var page = 0; page < Site.Graph.PageCount; page++)
        {
            Assert.Contains(Site.PageUrl(page), allHosts);
        }

        AssertClosedAndMinimal(allHosts, OnSite);
    }

    [Fact]
    public void Reachable_RootHostVersusAllHosts_RootHostIsAStrictSubsetOfHostZerosShare()
    {
        var rootOrigin = Origin(Site.Root) + "/";

        var rootHost = Site.Reachable(SiteScope.RootHost);
        var allHosts = Site.Reachable(SiteScope.AllHosts);
        var hostZeroShare = allHosts.Where(url => url.StartsWith(rootOrigin, StringComparison.Ordinal)).ToHashSet();

        Assert.Subset(hostZeroShare, rootHost.ToHashSet());
        Assert.True(rootHost.Count < hostZeroShare.Count, "some host-0 pages are only reached through other hosts");
    }

    [Fact]
    public void Reachable_NotFoundAndRedirectUrls_AreMembersWithTheirStatuses()
    {
        var allHosts = Site.Reachable(SiteScope.AllHosts);

        var missing = allHosts.Where(url => url.Contains("/missing/", StringComparison.Ordinal)).ToArray();
        var redirects = allHosts.Where(url => url.Contains("/r/", StringComparison.Ordinal)).ToArray();

        Assert.NotEmpty(missing);
        Assert.NotEmpty(redirects);
        Assert.All(missing, url => Assert.Equal(404, Site.StatusOf(url)));
        Assert.All(redirects, url => Assert.Equal(301, Site.StatusOf(url)));
        Assert.All(allHosts.Except(missing).Except(redirects), url => Assert.Equal(200, Site.StatusOf(url)));
    }

    [Fact]
    public void Reachable_MaxDepth_LimitsAndGrowsMonotonically()
    {
        var all = Site.Reachable(SiteScope.AllHosts);
        var depths = Site.Depths(SiteScope.AllHosts);

        Assert.Equal([Site.Root.ToString()], Site.Reachable(SiteScope.AllHosts, 0));
        IReadOnlySet<string> previous = new HashSet<string>();
        for (var maxDepth = 0; maxDepth <= 6; maxDepth++)
        {
            var limited = Site.Reachable(SiteScope.AllHosts, maxDepth);
            Assert.Subset(limited.ToHashSet(), previous.ToHashSet());
            Assert.Equal(depths.Where(pair => pair.Value <= maxDepth).Select(pair => pair.Key).Order(), limited.Order());
            previous = limited;
        }

        Assert.Equal(all.Order(), previous.Order());
        Assert.Equal(all.Order(), Site.Reachable(SiteScope.AllHosts, 1000).Order());
    }

    [Fact]
    public void Reachable_DepthOne_HoldsTheRootsTargetsOnTheSite()
    {
        var external = Origin(Site.ExternalRoot) + "/";
        var expected = Site.TargetsOf(0)
            .Where(url => !url.StartsWith(external, StringComparison.Ordinal))
            .Append(Site.Root.ToString())
            .ToHashSet();
        foreach (var link in Site.Graph.LinksOf(0).ToArray().Where(link => link.Kind == LinkKind.Redirect))
        {
            expected.Add(Site.PageUrl(link.Page));
        }

        Assert.Equal(expected.Order(), Site.Reachable(SiteScope.AllHosts, 1).Order());
    }

    [Fact]
    public async Task Reachable_RedirectFromRoot_TargetKeepsTheRedirectDepth()
    {
        using var timeout = new CancellationTokenSource(TestHttp.Timeout);
        var options = new SiteOptions { Pages = 200, MinLinks = 4, MaxLinks = 4, RedirectRatio = 1, NotFoundRatio = 0, ExternalRatio = 0 };
        await using var site = await SyntheticWebSite.StartAsync(options, timeout.Token);
        var deepTargets = site.Graph.LinksOf(0).ToArray()
            .Where(link => link.Kind == LinkKind.Redirect && link.Page > 2)
            .Select(link => link.Page)
            .ToArray();

        var depthOne = site.Reachable(SiteScope.AllHosts, 1);

        Assert.NotEmpty(deepTargets);
        foreach (var page in deepTargets)
        {
            Assert.Contains(site.UrlOf(SiteTarget.ForRedirect(page)), depthOne);
            Assert.Contains(site.PageUrl(page), depthOne);
        }
    }
}
