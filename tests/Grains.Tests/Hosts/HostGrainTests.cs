using System.Collections.Concurrent;
using Crawler.Grains.Crawl;
using Crawler.Grains.Fetching;
using Crawler.Grains.Hosting;
using Crawler.Grains.Interfaces;
using Crawler.Runtime.Testing;
using Crawler.Testing;

namespace Crawler.Grains.Tests.Hosts;

public sealed class HostGrainTests
{
    private static async Task<TestCluster> StartClusterAsync(FakeTimeProvider time, Action<CrawlerOptions>? configure = null)
    {
        var options = new TestClusterOptions
        {
            InitialSilos = 1,
            PartitionCount = 4,
            TimeProvider = time,
            ConfigureServices = services => services.AddCrawlerGrains(configure),

            // The fake clock only moves when the test says so; long leases keep membership out of the way.
            ConfigureSilo = silo =>
            {
                silo.LeaseDuration = TimeSpan.FromHours(3);
                silo.MembershipPeriod = TimeSpan.FromHours(1);
                silo.CollectionAge = TimeSpan.FromHours(1);
                silo.CollectionPeriod = TimeSpan.FromHours(1);
                silo.MailboxPollInterval = TimeSpan.FromHours(1);
                silo.ResponseTimeout = TimeSpan.FromHours(1);
            },
        };
        options.GrainAssemblies.Add(typeof(UrlGrain).Assembly);
        return await TestCluster.StartAsync(options, CancellationToken.None);
    }

    [Fact]
    public async Task AcquireFetchSlot_TwoJobsOnOneHost_StartsNeverCloserThanDelayNorAboveConcurrency()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await StartClusterAsync(time);
        var host = cluster.GrainFactory.GetGrain<IHostGrain>("http://polite.test");
        var delay = TimeSpan.FromSeconds(1);
        var fetchTime = TimeSpan.FromMilliseconds(2500);
        var starts = new ConcurrentQueue<DateTimeOffset>();
        var inFlight = 0;
        var maxInFlight = 0;

        async Task FetchAsync(SlotRequest request)
        {
            var grant = await host.AcquireFetchSlotAsync(request);
            starts.Enqueue(grant.GrantedAt);
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            await Task.Delay(fetchTime, time);
            Interlocked.Decrement(ref inFlight);
            await host.ReleaseFetchSlotAsync(grant.Slot, new FetchOutcome(2500, false, null));
        }

        // Two jobs with the same politeness share the host: their fetches interleave in one line.
        var jobA = Enumerable.Range(0, 6).Select(_ => FetchAsync(new SlotRequest(2, delay, Adaptive: false, RespectRobots: false)));
        var jobB = Enumerable.Range(0, 6).Select(_ => FetchAsync(new SlotRequest(2, delay, Adaptive: false, RespectRobots: false)));
        var all = Task.WhenAll(jobA.Concat(jobB).ToList());
        await DriveClockAsync(time, all, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));

        var ordered = starts.Order().ToList();
        Assert.Equal(12, ordered.Count);
        Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.True(pair.Second - pair.First >= delay, $"starts {pair.First:O} and {pair.Second:O} are closer than {delay}"));
        Assert.Equal(2, maxInFlight);
    }

    [Fact]
    public async Task ReleaseFetchSlot_RetryAfter_PausesTheHostUntilItEnds()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await StartClusterAsync(time, options => options.MaxSlotWait = TimeSpan.FromHours(1));
        var host = cluster.GrainFactory.GetGrain<IHostGrain>("http://busy.test");
        var request = new SlotRequest(4, TimeSpan.Zero, Adaptive: false, RespectRobots: false);
        var first = await host.AcquireFetchSlotAsync(request);
        var pausedAt = time.GetUtcNow();

        await host.ReleaseFetchSlotAsync(first.Slot, new FetchOutcome(10, true, TimeSpan.FromSeconds(30)));
        var next = host.AcquireFetchSlotAsync(request);
        await DriveClockAsync(time, next, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        var grantedAt = (await next).GrantedAt;

        Assert.True(grantedAt - pausedAt >= TimeSpan.FromSeconds(30), $"granted {grantedAt - pausedAt} after the pause began");
        var status = await host.GetStatusAsync();
        Assert.Equal(1, status.Errors);
    }

    [Fact]
    public async Task ReleaseFetchSlot_FailuresInAdaptiveMode_WidenTheDelay()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await StartClusterAsync(time);
        var host = cluster.GrainFactory.GetGrain<IHostGrain>("http://slow.test");
        var request = new SlotRequest(1, TimeSpan.Zero, Adaptive: true, RespectRobots: false);

        var first = await host.AcquireFetchSlotAsync(request);
        await host.ReleaseFetchSlotAsync(first.Slot, new FetchOutcome(200, false, null));
        var healthy = (await host.GetStatusAsync()).AdaptiveDelay;
        time.Advance(TimeSpan.FromSeconds(1));
        var second = await host.AcquireFetchSlotAsync(request);
        await host.ReleaseFetchSlotAsync(second.Slot, new FetchOutcome(200, true, null));
        var failing = (await host.GetStatusAsync()).AdaptiveDelay;

        Assert.Equal(TimeSpan.FromMilliseconds(200), healthy);
        Assert.True(failing >= 2 * healthy, $"adaptive delay {failing} after a failure, {healthy} before");
    }

    [Fact]
    public async Task ReleaseFetchSlot_RetryAfterLongerThanTheCap_PausesOnlyForTheCap()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await StartClusterAsync(time, options =>
        {
            options.MaxSlotWait = TimeSpan.FromHours(1);
            options.MaxHostPause = TimeSpan.FromSeconds(5);
        });
        var host = cluster.GrainFactory.GetGrain<IHostGrain>("http://capped.test");
        var request = new SlotRequest(4, TimeSpan.Zero, Adaptive: false, RespectRobots: false);
        var first = await host.AcquireFetchSlotAsync(request);
        var pausedAt = time.GetUtcNow();

        await host.ReleaseFetchSlotAsync(first.Slot, new FetchOutcome(10, true, TimeSpan.FromDays(1)));

        Assert.Equal(pausedAt + TimeSpan.FromSeconds(5), (await host.GetStatusAsync()).NotBefore);
    }

    [Fact]
    public async Task AcquireFetchSlot_LineLongerThanTheLongestWait_AnswersBusyAndLeavesNoSlotTaken()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await StartClusterAsync(time, options => options.MaxSlotWait = TimeSpan.FromSeconds(10));
        var host = cluster.GrainFactory.GetGrain<IHostGrain>("http://crowded.test");
        var request = new SlotRequest(1, TimeSpan.Zero, Adaptive: false, RespectRobots: false);
        var held = await host.AcquireFetchSlotAsync(request);

        var waiting = host.AcquireFetchSlotAsync(request);
        await DriveClockAsync(time, waiting, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        var busy = await waiting;
        var whileHeld = await host.GetStatusAsync();
        await host.ReleaseFetchSlotAsync(held.Slot, new FetchOutcome(10, false, null));
        var next = await host.AcquireFetchSlotAsync(request);

        Assert.True(held.Allowed);
        Assert.True(busy.Busy);
        Assert.False(busy.Allowed);
        Assert.Equal(0, whileHeld.Waiting);
        Assert.Equal(1, whileHeld.InFlight);
        Assert.True(next.Allowed, "the slot was leaked to the caller that gave up");
    }

    [Fact]
    public async Task AcquireFetchSlot_CallerAnswerByComesFirst_AnswersBusyByThenAndLeavesNoSlotTaken()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await StartClusterAsync(time, options => options.MaxSlotWait = TimeSpan.FromHours(1));
        var host = cluster.GrainFactory.GetGrain<IHostGrain>("http://late.test");
        var request = new SlotRequest(1, TimeSpan.Zero, Adaptive: false, RespectRobots: false);
        var held = await host.AcquireFetchSlotAsync(request);
        var askedAt = time.GetUtcNow();

        // A caller that has only 5 seconds left, though the host would wait an hour.
        var waiting = host.AcquireFetchSlotAsync(request with { AnswerBy = askedAt + TimeSpan.FromSeconds(5) });
        await DriveClockAsync(time, waiting, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        var busy = await waiting;
        var answeredAt = time.GetUtcNow();
        var already = await host.AcquireFetchSlotAsync(request with { AnswerBy = askedAt });
        await host.ReleaseFetchSlotAsync(held.Slot, new FetchOutcome(10, false, null));
        var next = await host.AcquireFetchSlotAsync(request);

        Assert.True(held.Allowed);
        Assert.True(busy.Busy);
        Assert.InRange(answeredAt - askedAt, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(7));
        Assert.True(already.Busy, "a caller whose time is up is answered at once");
        Assert.True(next.Allowed, "no slot went to the callers that were answered busy");
    }

    [Fact]
    public async Task AcquireFetchSlot_HolderNeverGivesItBack_NextCallerGetsItWhenTheLongestHoldEnds()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await StartClusterAsync(time, options => options.MaxSlotWait = TimeSpan.FromSeconds(10));
        var host = cluster.GrainFactory.GetGrain<IHostGrain>("http://lost.test");
        var request = new SlotRequest(1, TimeSpan.Zero, Adaptive: false, RespectRobots: false);
        var lost = await host.AcquireFetchSlotAsync(request);
        var heldUntil = time.GetUtcNow() + new CrawlerOptions().MaxSlotHold;

        // Its holder is gone with its silo: the slot is never given back.
        time.Advance(heldUntil - time.GetUtcNow() - TimeSpan.FromSeconds(2));
        var waiting = host.AcquireFetchSlotAsync(request);
        await DriveClockAsync(time, waiting, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(9));
        var next = await waiting;

        Assert.True(lost.Allowed);
        Assert.True(next.Allowed, "the slot was not taken back when its longest hold ended");
        Assert.InRange(next.GrantedAt, heldUntil, heldUntil + TimeSpan.FromSeconds(1));
        Assert.NotEqual(lost.Slot, next.Slot);
        Assert.Equal(1, (await host.GetStatusAsync()).InFlight);
    }

    [Fact]
    public async Task ReleaseFetchSlot_SlotAlreadyTakenBack_FreesNoOtherCallersSlot()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await StartClusterAsync(time, options => options.MaxSlotWait = TimeSpan.FromSeconds(10));
        var host = cluster.GrainFactory.GetGrain<IHostGrain>("http://late-release.test");
        var request = new SlotRequest(1, TimeSpan.Zero, Adaptive: false, RespectRobots: false);
        var late = await host.AcquireFetchSlotAsync(request);
        time.Advance(new CrawlerOptions().MaxSlotHold);
        var current = await host.AcquireFetchSlotAsync(request);

        // The first holder comes back after all and gives back the slot it no longer holds.
        await host.ReleaseFetchSlotAsync(late.Slot, new FetchOutcome(10, false, null));
        var waiting = host.AcquireFetchSlotAsync(request);
        await DriveClockAsync(time, waiting, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        var third = await waiting;
        await host.ReleaseFetchSlotAsync(current.Slot, new FetchOutcome(10, false, null));

        Assert.True(current.Allowed);
        Assert.True(third.Busy, "a late release freed the slot another caller holds");
        Assert.Equal(0, (await host.GetStatusAsync()).InFlight);
    }

    [Fact]
    public async Task TryAdmitUrl_CountsEachJobApartUpToItsCap()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await StartClusterAsync(time);
        var host = cluster.GrainFactory.GetGrain<IHostGrain>("http://trap.test");

        var jobA = new List<bool>();
        for (var i = 0; i < 4; i++)
        {
            jobA.Add(await host.TryAdmitUrlAsync("a", 3));
        }

        var jobB = await host.TryAdmitUrlAsync("b", 3);

        Assert.Equal([true, true, true, false], jobA);
        Assert.True(jobB);
    }

    /// <summary>Moves the fake clock in steps until the work is done, yielding between steps so grains can react.</summary>
    private static async Task DriveClockAsync(FakeTimeProvider time, Task work, TimeSpan step, TimeSpan limit)
    {
        var end = time.GetUtcNow() + limit;
        while (!work.IsCompleted && time.GetUtcNow() < end)
        {
            // Real time passes only so the grains' continuations run; every wait they make is on the fake clock.
            await Task.WhenAny(work, Task.Delay(5));
            time.Advance(step);
        }

        await work;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
