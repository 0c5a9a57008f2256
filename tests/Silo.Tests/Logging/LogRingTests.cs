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
