using BenchmarkDotNet.Attributes;
using Crawler.Grains.Urls;

namespace Crawler.Bench.Micro;

/// <summary>Nanoseconds to resolve and normalize one href against its page (the corpus's mix), per URL.</summary>
[MemoryDiagnoser]
public class UrlNormalizationBenchmarks
{
    private readonly UrlNormalizer _normalizer = UrlNormalizer.Default;
    private readonly IReadOnlyList<string> _hrefs = MicroCorpus.Hrefs;

    [Benchmark(Description = "UrlNormalizer.TryNormalize, per URL", OperationsPerInvoke = 15)]
    public int Normalize()
    {
        var accepted = 0;
        for (var i = 0; i < 15; i++)
        {
            if (_normalizer.TryNormalize(_hrefs[i], MicroCorpus.PageUrl, out _, out _))
            {
                accepted++;
            }
        }

        return accepted;
    }
}
