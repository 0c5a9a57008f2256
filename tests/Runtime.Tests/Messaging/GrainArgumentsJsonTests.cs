using System.Text;
using Crawler.Runtime.Messaging;
using Crawler.Runtime.Tests.Substrate.InMemory;
using Crawler.Runtime.Tests.TestGrains;

namespace Crawler.Runtime.Tests.Messaging;

public sealed class GrainArgumentsJsonTests
{
    private static readonly GrainMethod Follow = GrainMethod.For(typeof(ILinkGrain).GetMethod(nameof(ILinkGrain.Follow))!);
    private static readonly GrainMethod Number = GrainMethod.For(typeof(IInboxGrain).GetMethod(nameof(IInboxGrain.DeliverNumber))!);

    [Fact]
    public void Encode_TwiceOnOneThread_ReturnsSeparateArraysOfEachCallsArgumentsOnly()
    {
        var first = GrainArgumentsJson.Encode(Follow, [new Link(1, "http://a.test/"), CancellationToken.None]);
        var second = GrainArgumentsJson.Encode(Follow, [new Link(2, null), CancellationToken.None]);

        Assert.Equal("""[{"depth":1,"parent":"http://a.test/","chain":null}]""", Encoding.UTF8.GetString(first));
        Assert.Equal("""[{"depth":2,"parent":null,"chain":null}]""", Encoding.UTF8.GetString(second));
    }

    [Fact]
    public void Encode_AfterACallThatFailedHalfWritten_WritesTheNextCallWhole()
    {
        Assert.ThrowsAny<ArgumentException>(() => GrainArgumentsJson.Encode(Number, [double.NaN]));

        var next = GrainArgumentsJson.Encode(Number, [2.5]);

        Assert.Equal("[2.5]", Encoding.UTF8.GetString(next));
    }

    [Fact]
    public void Encode_ArgumentLargerThanTheKeptBuffer_ReadsBackWholeAndLaterCallsStillWork()
    {
        var parent = new string('p', 100_000);

        var large = GrainArgumentsJson.Encode(Follow, [new Link(3, parent), CancellationToken.None]);
        var small = GrainArgumentsJson.Encode(Follow, [new Link(4, "x"), CancellationToken.None]);

        var read = Assert.IsType<Link>(GrainArgumentsJson.Read(Follow, large)[0]);
        Assert.Equal(parent, read.Parent);
        Assert.Equal("""[{"depth":4,"parent":"x","chain":null}]""", Encoding.UTF8.GetString(small));
    }
}
