using Crawler.Runtime.Messaging;
using Crawler.Runtime.Substrate.InMemory;
using static Crawler.Runtime.Tests.Substrate.InMemory.QueuedMessages;

namespace Crawler.Runtime.Tests.Substrate.InMemory;

public sealed class InMemoryMailboxTests
{
    private const int Partition = 2;

    private static readonly int Recent = InMemoryMailbox.RecentCapacity;

    [Fact]
    public void Take_FewWaiting_HandsOutTheEnvelopesAsSent()
    {
        var mailbox = new InMemoryMailbox(new MessageVocabulary());
        var sent = Link(Partition, 1, 0);
        AddTo(mailbox, 0, sent);

        var read = Assert.Single(mailbox.Take(epoch: 1, max: 10)).ToEnvelope(Partition);

        Assert.Same(sent, read);
        Assert.Equal(0, mailbox.QueuedBytes);
    }

    [Fact]
    public void Take_MessageBehindTheRecentOnes_DecodesToItsTargetMethodArgumentsAndSequence()
    {
        var mailbox = new InMemoryMailbox(new MessageVocabulary());
        var last = FillRecent(mailbox, Partition);
        var sent = new Envelope(
            new GrainId("url", "job|http://a.test/é/?q=<&>"), Partition, Follow, [new Link(3, null, ["http://a.test/1", "http://a.test/2"]), CancellationToken.None]);
        AddTo(mailbox, last, sent);

        var read = mailbox.Take(epoch: 1, max: Recent + 1)[^1].ToEnvelope(Partition);

        Assert.NotSame(sent, read);
        Assert.Equal(sent.Target, read.Target);
        Assert.Equal(Partition, read.Partition);
        Assert.Same(Follow, read.Method);
        Assert.Equal(last + 1, read.Sequence);
        var link = Assert.IsType<Link>(read.Arguments[0]);
        Assert.Equal((3, (string?)null), (link.Depth, link.Parent));
        Assert.Equal(["http://a.test/1", "http://a.test/2"], link.Chain);
        Assert.Equal(CancellationToken.None, read.Arguments[1]);
    }

    [Fact]
    public void Add_WhileEncodedMessagesWait_QueuesBehindThemEvenWhenTheRecentPartIsEmpty()
    {
        var mailbox = new InMemoryMailbox(new MessageVocabulary());
        var last = AddTo(mailbox, 0, [.. Enumerable.Range(0, Recent + 100).Select(i => Link(Partition, 1, i))]);
        var first = mailbox.Take(1, Recent + 10);

        last = AddTo(mailbox, last, [.. Enumerable.Range(0, 50).Select(i => Link(Partition, 2, i))]);
        var rest = mailbox.Take(1, int.MaxValue);
        AddTo(mailbox, last, Link(Partition, 3, 0));
        var after = mailbox.Take(1, int.MaxValue);

        Assert.Equal(
            [.. Enumerable.Range(0, Recent + 100).Select(i => UrlOf(1, i)), .. Enumerable.Range(0, 50).Select(i => UrlOf(2, i)), UrlOf(3, 0)],
            [.. Urls(first), .. Urls(rest), .. Urls(after)]);
        Assert.Equal(Recent + 151, mailbox.Count);
    }

    [Fact]
    public void Take_SameEpoch_HandsOutEachOnceInOrder()
    {
        var mailbox = new InMemoryMailbox(new MessageVocabulary());
        AddTo(mailbox, 0, [.. Enumerable.Range(0, Recent + 5).Select(i => Link(Partition, 1, i))]);

        var first = Urls(mailbox.Take(1, Recent + 3));
        var second = Urls(mailbox.Take(1, 10));

        Assert.Equal(Enumerable.Range(0, Recent + 3).Select(i => UrlOf(1, i)), first);
        Assert.Equal([UrlOf(1, Recent + 3), UrlOf(1, Recent + 4)], second);
        Assert.Empty(mailbox.Take(1, 10));
        Assert.Equal(Recent + 5, mailbox.Count);
    }

    [Fact]
    public void Take_NewEpoch_RedeliversTakenAndUnconsumedBeforeTheRestInOrder()
    {
        var mailbox = new InMemoryMailbox(new MessageVocabulary());
        AddTo(mailbox, 0, [.. Enumerable.Range(0, Recent + 6).Select(i => Link(Partition, 1, i))]);
        var taken = mailbox.Take(1, Recent + 4);
        foreach (var consumed in taken.Where((_, i) => i % 2 == 0))
        {
            Assert.True(mailbox.Consume(consumed.Sequence));
        }

        var again = mailbox.Take(2, int.MaxValue);

        Assert.Equal(
            [.. Enumerable.Range(0, Recent + 4).Where(i => i % 2 == 1).Select(i => UrlOf(1, i)), UrlOf(1, Recent + 4), UrlOf(1, Recent + 5)],
            Urls(again));
        Assert.Equal(again.Count, mailbox.Count);
    }

    [Fact]
    public void Take_EpochChangesBeforeTheRedeliveredAreAllTaken_KeepsOrder()
    {
        var mailbox = new InMemoryMailbox(new MessageVocabulary());
        var last = AddTo(mailbox, 0, [.. Enumerable.Range(0, Recent + 8).Select(i => Link(Partition, 1, i))]);
        _ = mailbox.Take(1, Recent + 5);
        _ = mailbox.Take(2, 2);
        AddTo(mailbox, last, Link(Partition, 2, 0));

        var third = mailbox.Take(3, int.MaxValue);

        Assert.Equal([.. Enumerable.Range(0, Recent + 8).Select(i => UrlOf(1, i)), UrlOf(2, 0)], Urls(third));
        Assert.True(third.Select(m => m.Sequence).SequenceEqual(third.Select(m => m.Sequence).Order()));
    }

    [Fact]
    public void Consume_MessageInAnyPart_RemovesItOnce()
    {
        var mailbox = new InMemoryMailbox(new MessageVocabulary());
        var last = AddTo(mailbox, 0, [.. Enumerable.Range(0, Recent + 4).Select(i => Link(Partition, 1, i))]);
        var taken = mailbox.Take(1, 2);
        _ = mailbox.Take(2, 0);

        Assert.True(mailbox.Consume(taken[1].Sequence));
        Assert.True(mailbox.Consume(taken[1].Sequence + 1));
        Assert.True(mailbox.Consume(last));
        Assert.False(mailbox.Consume(last));
        Assert.False(mailbox.Consume(last + 1));

        Assert.Equal(Recent + 1, mailbox.Count);
        Assert.Equal(
            [UrlOf(1, 0), .. Enumerable.Range(3, Recent).Select(i => UrlOf(1, i))],
            Urls(mailbox.Take(2, int.MaxValue)));
    }

    [Fact]
    public void Take_EncodedMessagesLargerThanACopyBlock_KeepTheirOwnBytes()
    {
        var mailbox = new InMemoryMailbox(new MessageVocabulary());
        var last = FillRecent(mailbox, Partition);
        var parent = $"http://a.test/{new string('p', 20_000)}/";
        Envelope Long(int link) => new(new GrainId("url", $"job|http://a.test/{link}/"), Partition, Follow, [new Link(1, parent), CancellationToken.None]);
        AddTo(mailbox, last, Long(0), Link(Partition, 1, 1), Long(2), Long(3));

        var read = mailbox.Take(1, int.MaxValue).Skip(Recent).Select(m => m.ToEnvelope(Partition)).ToList();

        Assert.Equal(["http://a.test/0/", UrlOf(1, 1), "http://a.test/2/", "http://a.test/3/"], read.Select(UrlIn));
        Assert.Equal([parent, "http://127.0.0.1:40123/t/1/", parent, parent], read.Select(m => ((Link)m.Arguments[0]!).Parent));
    }

    [Fact]
    public async Task NextSignal_MessageAddedWhileWaiting_Completes()
    {
        var mailbox = new InMemoryMailbox(new MessageVocabulary());
        AddTo(mailbox, 0, Link(Partition, 1, 0));
        Assert.True(mailbox.NextSignal().IsCompleted);
        _ = mailbox.Take(1, 10);

        var signal = mailbox.NextSignal();
        Assert.False(signal.IsCompleted);
        AddTo(mailbox, 1, Link(Partition, 1, 1));

        await signal.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void NextSignal_OnlyRedeliveredMessagesWaiting_IsCompleted()
    {
        var mailbox = new InMemoryMailbox(new MessageVocabulary());
        AddTo(mailbox, 0, Link(Partition, 1, 0));
        _ = mailbox.Take(1, 10);
        Assert.False(mailbox.NextSignal().IsCompleted);

        _ = mailbox.Take(2, 0);

        Assert.True(mailbox.NextSignal().IsCompleted);
    }

    [Fact]
    public void Take_ManyQueuedWithSomeConsumedEarly_HandsOutTheRestInOrder()
    {
        var mailbox = new InMemoryMailbox(new MessageVocabulary());
        var last = 0L;
        for (var page = 0; page < 200; page++)
        {
            last = AddTo(mailbox, last, [.. Enumerable.Range(0, 1_000).Select(link => Link(Partition, page, link))]);
        }

        Assert.True(mailbox.QueuedBytes < 200_000 * 32, $"200,000 queued links take {mailbox.QueuedBytes:N0} bytes");
        for (var sequence = 7L; sequence <= last; sequence += 1_000)
        {
            Assert.True(mailbox.Consume(sequence));
        }

        var expected = Enumerable.Range(1, (int)last).Where(s => s % 1_000 != 7).Select(s => (long)s).ToList();
        var handedOut = new List<long>(expected.Count);
        for (var batch = mailbox.Take(1, 256); batch.Count > 0; batch = mailbox.Take(1, 256))
        {
            handedOut.AddRange(batch.Select(m => m.Sequence));
        }

        Assert.Equal(expected, handedOut);
        Assert.Equal(expected.Count, mailbox.Count);
        Assert.Equal(UrlOf(199, 999), UrlIn(mailbox.Take(2, int.MaxValue)[^1].ToEnvelope(Partition)));
    }

    private static List<string> Urls(List<DeliveredMessage> messages) => [.. messages.Select(m => UrlIn(m.ToEnvelope(Partition)))];
}
