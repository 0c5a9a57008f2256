namespace Crawler.SyntheticSite.Tests;

public sealed class SiteOptionsTests
{
    [Fact]
    public void Constructor_NoValues_UsesDocumentedDefaults()
    {
        var options = new SiteOptions();

        Assert.Equal(SiteOptions.DefaultPages, options.Pages);
        Assert.Equal(SiteOptions.DefaultHosts, options.Hosts);
        Assert.Equal(SiteOptions.DefaultMinLinks, options.MinLinks);
        Assert.Equal(SiteOptions.DefaultMaxLinks, options.MaxLinks);
        Assert.Equal(SiteOptions.DefaultNotFoundRatio, options.NotFoundRatio);
        Assert.Equal(SiteOptions.DefaultRedirectRatio, options.RedirectRatio);
        Assert.Equal(SiteOptions.DefaultExternalRatio, options.ExternalRatio);
        Assert.Equal(TimeSpan.FromMilliseconds(SiteOptions.DefaultLatencyMilliseconds), options.Latency);
        Assert.Equal(SiteOptions.DefaultPageBytes, options.PageBytes);
        Assert.Equal(SiteOptions.DefaultSeed, options.Seed);
        Assert.Equal(1000, options.Pages);
        Assert.Equal(2048, options.PageBytes);
        Assert.Equal(42, options.Seed);
    }

    [Fact]
    public void Validate_Defaults_DoesNotThrow()
    {
        new SiteOptions().Validate();
    }

    public static TheoryData<SiteOptions> InvalidOptions() =>
    [
        new SiteOptions { Pages = 0 },
        new SiteOptions { Hosts = 0 },
        new SiteOptions { Hosts = SiteOptions.MaxHosts + 1 },
        new SiteOptions { MinLinks = -1 },
        new SiteOptions { MinLinks = 5, MaxLinks = 4 },
        new SiteOptions { NotFoundRatio = -0.1 },
        new SiteOptions { RedirectRatio = 1.5 },
        new SiteOptions { ExternalRatio = double.NaN },
        new SiteOptions { NotFoundRatio = 0.5, RedirectRatio = 0.4, ExternalRatio = 0.2 },
        new SiteOptions { Latency = TimeSpan.FromMilliseconds(-1) },
        new SiteOptions { PageBytes = -1 },
    ];

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_OutOfRange_Throws(SiteOptions options)
    {
        Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
    }
}
