using Crawler.Silo.Dashboard;

namespace Crawler.Silo.Tests.Dashboard;

public sealed class LogCursorTests
{
    [Fact]
    public void TryParse_WhatToStringWrote_GivesBackEveryPositionEvenWithSeparatorsInSiloIds()
    {
        var cursor = new LogCursor([
            KeyValuePair.Create("silo-a", new LogPosition("0123456789ab", 42)),
            KeyValuePair.Create("odd:id,with%", new LogPosition("", 0)),
        ]);

        Assert.True(LogCursor.TryParse(cursor.ToString(), out var parsed));

        Assert.Equal(2, parsed.Positions.Count);
        Assert.Equal(new LogPosition("0123456789ab", 42), parsed.PositionOf("silo-a"));
        Assert.Equal(new LogPosition("", 0), parsed.PositionOf("odd:id,with%"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void TryParse_NothingGiven_IsTheEmptyCursor(string? text)
    {
        Assert.True(LogCursor.TryParse(text, out var cursor));

        Assert.Empty(cursor.Positions);
    }

    [Theory]
    [InlineData("123")]
    [InlineData("silo-a:abc")]
    [InlineData("silo-a:abc:-1")]
    [InlineData("silo-a:abc:x")]
    [InlineData(":abc:1")]
    [InlineData("silo-a:abc:1,silo-a:abc:2")]
    [InlineData("silo-a:abc:1,")]
    public void TryParse_NotACursor_IsRefused(string text)
    {
        Assert.False(LogCursor.TryParse(text, out _));
    }
}
