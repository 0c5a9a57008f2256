using System.Globalization;

namespace Crawler.Cluster.Tests.Infrastructure;

/// <summary>The silo settings a test chooses; every silo gets them on its command line, as an operator would pass them.</summary>
public sealed record ClusterSettings
{
    public int Partitions { get; init; } = 16;

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan MembershipPeriod { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Fetches at once per silo; low, so a crawl runs long enough to be interrupted on this small machine.</summary>
    public int MaxConcurrentFetches { get; init; } = 16;

    /// <summary>Connections each silo (and the test's client) may hold: the shared test server has 100 for every test run at once.</summary>
    public int MaxPoolSize { get; init; } = 8;

    /// <summary>
    /// When a host takes back a fetch slot its holder never gave back (the holder froze or died with its silo): short,
    /// so a test that stops a silo mid-crawl does not wait minutes for it. The test site answers in milliseconds.
    /// </summary>
    public TimeSpan MaxSlotHold { get; init; } = TimeSpan.FromSeconds(20);

    public IEnumerable<string> Arguments(string siloId, string connectionString) =>
    [
        "--postgres", connectionString,
        "--urls", "http://127.0.0.1:0",
        $"--Silo:SiloId={siloId}",
        $"--Silo:PartitionCount={Partitions}",
        $"--Silo:LeaseDuration={Format(LeaseDuration)}",
        $"--Silo:MembershipPeriod={Format(MembershipPeriod)}",
        $"--Silo:MailboxPollInterval={Format(MembershipPeriod)}",
        $"--Crawler:MaxConcurrentFetches={MaxConcurrentFetches}",
        $"--Crawler:MaxSlotHold={Format(MaxSlotHold)}",
        "--Serilog:MinimumLevel:Default=Information",
        // Partitions taken and handed over, reads retried: what a failed test's silo logs need to tell.
        "--Serilog:MinimumLevel:Override:Crawler.Runtime=Debug",
    ];

    private static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
