using Crawler.Silo.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace Crawler.Silo.Tests.Logging;

public sealed class LogRingTests
{
    [Fact]
    public void After_MoreEventsThanCapacity_KeepsOnlyTheNewestInOrder()
    {
        var ring = new LogRing(capacity: 3);
        for (var i = 1; i <= 5; i++)
        {
            ring.Emit(Event($"line {i}"));
        }

        var kept = ring.After(0, 100);

        Assert.Equal(["line 3", "line 4", "line 5"], kept.Select(e => e.Message));
        Assert.Equal([3L, 4L, 5L], kept.Select(e => e.Sequence));
    }

    [Fact]
    public void After_ASequence_ReturnsOnlyNewerEventsUpToMax()
    {
        var ring = new LogRing(capacity: 10);
        for (var i = 1; i <= 6; i++)
        {
            ring.Emit(Event($"line {i}"));
        }

        Assert.Equal([5L, 6L], ring.After(4, 100).Select(e => e.Sequence));
        Assert.Equal([5L, 6L], ring.After(0, 2).Select(e => e.Sequence));
        Assert.Empty(ring.After(6, 100));
    }

    [Fact]
    public void Read_PositionOfThisInstance_ReturnsOnlyNewerEntriesWithTheInstance()
    {
        var ring = new LogRing(capacity: 10);
        for (var i = 1; i <= 4; i++)
        {
            ring.Emit(Event($"line {i}"));
        }

        var slice = ring.Read(ring.Instance, 2, 100);

        Assert.Equal(ring.Instance, slice.Instance);
        Assert.Equal([3L, 4L], slice.Entries.Select(e => e.Sequence));
    }

    [Fact]
    public void Read_PositionOfAnotherInstance_ReturnsEveryKeptEntry()
    {
        // A silo restarted under the same id: its new ring counts from 1 again, so an old position means nothing here.
        var earlier = new LogRing(capacity: 10);
        var ring = new LogRing(capacity: 10);
        for (var i = 1; i <= 3; i++)
        {
            ring.Emit(Event($"line {i}"));
        }

        var slice = ring.Read(earlier.Instance, 3, 100);

        Assert.NotEqual(earlier.Instance, ring.Instance);
        Assert.Equal([1L, 2L, 3L], slice.Entries.Select(e => e.Sequence));
    }

    [Fact]
    public void Emit_StringProperty_RendersItUnquotedWithTheException()
    {
        var ring = new LogRing();
        var template = new MessageTemplateParser().Parse("Silo {Silo} failed");
        ring.Emit(new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Error, new InvalidOperationException("boom"), template, [new LogEventProperty("Silo", new ScalarValue("a"))]));

        var entry = Assert.Single(ring.After(0, 10));

        Assert.Equal("Silo a failed", entry.Message);
        Assert.Equal("Error", entry.Level);
        Assert.Equal("System.InvalidOperationException: boom", entry.Exception);
    }

    private static LogEvent Event(string text) =>
        new(DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplateParser().Parse(text), []);
}
