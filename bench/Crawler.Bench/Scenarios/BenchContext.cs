namespace Crawler.Bench.Scenarios;

/// <summary>What every scenario is given: where the built programs are, a scratch folder, how many runs to take.</summary>
public sealed record BenchContext(string CrawlerDll, string WorkDirectory, int RunCount, int Pages, TextWriter Log)
{
    /// <summary>The scenarios asked for (embedded, micro, ...).</summary>
    public IReadOnlySet<string> Scenarios { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The published micro-benchmarks, or null to skip them.</summary>
    public string? MicroDll { get; init; }

    public bool Runs(string scenario) => Scenarios.Contains(scenario);
}
