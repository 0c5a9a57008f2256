using Crawler.Grains.Fetching;
using Crawler.Grains.Interfaces;
using Crawler.Grains.Links;
using Crawler.Grains.Scope;
using Crawler.Grains.Traps;
using Crawler.Grains.Urls;

namespace Crawler.Grains.Jobs;

/// <summary>
/// A job's spec turned into the objects that apply it: normalizer, scope rules, link extractor, spider-trap guards,
/// and the network policy its fetches (robots.txt and sitemaps included) obey.
/// </summary>
public sealed class CompiledJob
{
    /// <summary>Compiles a spec; only seeds written as IP literals count for the network policy.</summary>
    public CompiledJob(CrawlJobSpec spec)
        : this(spec, SeedNetworks.PolicyFromLiterals(spec ?? throw new ArgumentNullException(nameof(spec))))
    {
    }

    public CompiledJob(CrawlJobSpec spec, FetchPolicy fetchPolicy)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(fetchPolicy);
        Spec = spec;
        FetchPolicy = fetchPolicy;
        PageFetchPolicy = spec.Warc is null ? fetchPolicy : fetchPolicy with { Archive = true };
        Normalizer = new UrlNormalizer(spec.SortQueryParameters);
        Scope = new ScopeRules([.. spec.Seeds.Select(s => new Uri(s))], spec.Scope, spec.Include, spec.Exclude);
        Extractor = new LinkExtractor(spec.MaxLinksPerPage);
        Traps = TrapGuard.For(spec);
    }

    public CrawlJobSpec Spec { get; }

    /// <summary>Which addresses the job's fetches may connect to (see <see cref="SeedNetworks"/>).</summary>
    public FetchPolicy FetchPolicy { get; }

    /// <summary>The policy of the job's page fetches: <see cref="FetchPolicy"/>, archiving when the job writes WARC.</summary>
    public FetchPolicy PageFetchPolicy { get; }

    public UrlNormalizer Normalizer { get; }

    public ScopeRules Scope { get; }

    public LinkExtractor Extractor { get; }

    public TrapGuard Traps { get; }
}
