using Crawler.Grains.Interfaces;
using Crawler.Grains.Links;
using Crawler.Grains.Scope;
using Crawler.Grains.Urls;

namespace Crawler.Grains.Jobs;

/// <summary>A job's spec turned into the objects that apply it: normalizer, scope rules, link extractor.</summary>
public sealed class CompiledJob
{
    public CompiledJob(CrawlJobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        Normalizer = new UrlNormalizer(spec.SortQueryParameters);
        Scope = new ScopeRules([.. spec.Seeds.Select(s => new Uri(s))], spec.Scope, spec.Include, spec.Exclude);
        Extractor = new LinkExtractor(spec.MaxLinksPerPage);
    }

    public CrawlJobSpec Spec { get; }

    public UrlNormalizer Normalizer { get; }

    public ScopeRules Scope { get; }

    public LinkExtractor Extractor { get; }
}
