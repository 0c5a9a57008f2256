namespace Crawler.Grains.Robots;

/// <summary>One group of a robots.txt as parsed: the rules and crawl delay under one run of user-agent lines.</summary>
internal sealed class RobotsGroup
{
    private readonly List<RobotsRule> _rules = [];

    public IReadOnlyList<RobotsRule> Rules => _rules;

    public TimeSpan? CrawlDelay { get; private set; }

    public void Add(RobotsRule rule) => _rules.Add(rule);

    /// <summary>Keeps the longest delay offered: when a file repeats itself, the politer reading wins.</summary>
    public void OfferCrawlDelay(TimeSpan delay)
    {
        if (CrawlDelay is not { } current || delay > current)
        {
            CrawlDelay = delay;
        }
    }
}
