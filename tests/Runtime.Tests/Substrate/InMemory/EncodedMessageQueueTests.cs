using System.Text;
using Crawler.Runtime.Substrate.InMemory;

namespace Crawler.Runtime.Tests.Substrate.InMemory;

public sealed class EncodedMessageQueueTests
{
    [Fact]
    public void TryPeek_RecordsSharingAndNotSharingPrefixes_ReadsEachBackWhole()
    {
        // Longer, shorter, identical, empty, unrelated and non-ASCII neighbours: every way a record can share bytes.
        (string Key, string Arguments)[] records =
        [
            ("job|http://a.test/x/1/", "[{\"depth\":1}]"),
            ("job|http://a.test/x/12/", "[{\"depth\":1}]"),
            ("job|http://a.test/x/", "[{\"depth\":1,\"parent\":null}]"),
            ("job|http://a.test/x/", "[{\"depth\":1,\"parent\":null}]"),
            (string.Empty, "[]"),
            ("job|http://b.test/é/", string.Empty),
            ("job|http://b.test/éa/", "[\"ü\"]"),
            ("other|http://c.test/", "[{\"depth\":2}]"),
        ];
        var queue = new EncodedMessageQueue();
        for (var i = 0; i < records.Length; i++)
        {
            queue.Append(10 + (3 * i), i % 3, i % 2, Bytes(records[i].Key), Bytes(records[i].Arguments));
        }

        var read = TakeAll(queue);

        Assert.Equal(records.Select((r, i) => (10L + (3 * i), i % 3, i % 2, r.Key, r.Arguments)), read);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void TryPeek_WithoutTaking_ReturnsTheSameRecordAgain()
    {
        var queue = new EncodedMessageQueue();
        queue.Append(1, 0, 0, Bytes("job|http://a.test/1/"), Bytes("[1]"));
        queue.Append(2, 0, 0, Bytes("job|http://a.test/2/"), Bytes("[2]"));
        Assert.True(queue.TryPeek(out _));
        queue.TakePeeked();

        Assert.True(queue.TryPeek(out var first));
        var once = Read(first);
        Assert.True(queue.TryPeek(out var again));

        Assert.Equal((2L, 0, 0, "job|http://a.test/2/", "[2]"), once);
        Assert.Equal(once, Read(again));
    }

    [Fact]
    public void TakePeeked_QueueChangedSincePeek_Throws()
    {
        var queue = new EncodedMessageQueue();
        queue.Append(1, 0, 0, Bytes("a"), Bytes("[]"));
        Assert.True(queue.TryPeek(out _));

        queue.Append(2, 0, 0, Bytes("b"), Bytes("[]"));

        Assert.Throws<InvalidOperationException>(queue.TakePeeked);
    }

    [Fact]
    public void Append_SequenceNotAboveTheLast_Throws()
    {
        var queue = new EncodedMessageQueue();
        queue.Append(5, 0, 0, Bytes("a"), Bytes("[]"));

        Assert.Throws<ArgumentOutOfRangeException>(() => queue.Append(5, 0, 0, Bytes("b"), Bytes("[]")));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void Remove_RecordNotYetTaken_IsSkippedAndNoLongerCounted()
    {
        var queue = new EncodedMessageQueue();
        for (var i = 1; i <= 4; i++)
        {
            queue.Append(i, 0, 0, Bytes($"job|http://a.test/{i}/"), Bytes($"[{i}]"));
        }

        Assert.True(queue.Remove(2));
        Assert.True(queue.Remove(4));

        Assert.Equal(2, queue.Count);
        Assert.Equal([(1L, "job|http://a.test/1/", "[1]"), (3L, "job|http://a.test/3/", "[3]")], TakeAll(queue).Select(r => (r.Sequence, r.Key, r.Arguments)));
    }

    [Fact]
    public void Remove_TakenRemovedOrAbsentSequence_ReturnsFalse()
    {
        var queue = new EncodedMessageQueue();
        queue.Append(1, 0, 0, Bytes("a"), Bytes("[]"));
        queue.Append(3, 0, 0, Bytes("b"), Bytes("[]"));
        queue.Append(5, 0, 0, Bytes("c"), Bytes("[]"));
        Assert.True(queue.TryPeek(out _));
        queue.TakePeeked();
        Assert.True(queue.Remove(5));

        Assert.False(queue.Remove(1));
        Assert.False(queue.Remove(2));
        Assert.False(queue.Remove(5));
        Assert.False(queue.Remove(6));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void Remove_RecordInALaterChunk_IsFoundThere()
    {
        var queue = new EncodedMessageQueue();
        const int Records = 20_000;
        for (var i = 1; i <= Records; i++)
        {
            queue.Append(2L * i, 1, 2, Bytes($"job|http://a.test/{i}/"), Bytes($"[{{\"depth\":{i % 7}}}]"));
        }

        Assert.True(queue.AllocatedBytes > EncodedMessageQueue.MaxChunkSize, "the records fill several chunks");

        Assert.True(queue.Remove(2L * 15_000));
        Assert.False(queue.Remove((2L * 15_000) + 1));

        var read = TakeAll(queue);
        Assert.Equal(Records - 1, read.Count);
        Assert.DoesNotContain(read, r => r.Sequence == 2L * 15_000);
        Assert.Equal("job|http://a.test/15001/", read.Single(r => r.Sequence == 2L * 15_001).Key);
    }

    [Fact]
    public void Append_RecordLargerThanAChunk_ReadsBackWholeAndIsNotKeptOnceRead()
    {
        var queue = new EncodedMessageQueue();
        var large = $"[\"{new string('x', 3 * EncodedMessageQueue.MaxChunkSize)}\"]";
        queue.Append(1, 0, 0, Bytes("a"), Bytes("[1]"));
        queue.Append(2, 0, 0, Bytes("b"), Bytes(large));

        Assert.Equal(["[1]", large], TakeAll(queue).Select(r => r.Arguments));
        Assert.True(queue.AllocatedBytes <= EncodedMessageQueue.MaxChunkSize, $"{queue.AllocatedBytes} bytes kept");

        queue.Append(3, 0, 0, Bytes("c"), Bytes("[3]"));
        Assert.Equal([(3L, "c", "[3]")], TakeAll(queue).Select(r => (r.Sequence, r.Key, r.Arguments)));
    }

    [Fact]
    public void AppendAndTake_ManyInterleaved_KeepsOrderAndReleasesReadChunks()
    {
        var queue = new EncodedMessageQueue();
        var appended = 0;
        var expected = 1L;
        while (appended < 200_000)
        {
            for (var i = 0; i < 1_000; i++)
            {
                appended++;
                queue.Append(appended, 0, 0, Bytes($"job|http://a.test/{appended / 1000}/{appended % 1000}/"), Bytes($"[{appended / 1000}]"));
            }

            for (var i = 0; i < 700 && queue.TryPeek(out var next); i++)
            {
                Assert.Equal(expected, next.Sequence);
                Assert.Equal($"job|http://a.test/{expected / 1000}/{expected % 1000}/", Encoding.UTF8.GetString(next.Key));
                queue.TakePeeked();
                expected++;
            }
        }

        Assert.Equal(60_000, queue.Count);
        while (queue.TryPeek(out var next))
        {
            Assert.Equal(expected++, next.Sequence);
            queue.TakePeeked();
        }

        Assert.Equal(200_001, expected);
        Assert.True(queue.AllocatedBytes <= EncodedMessageQueue.MaxChunkSize, $"a drained queue keeps at most one chunk, not {queue.AllocatedBytes} bytes");
    }

    [Fact]
    public void Append_LinksOfManyPages_TakeFewBytesEach()
    {
        // The frontier benchmark's shape: each page's links to sibling URLs, all with the same parent, in one partition.
        var queue = new EncodedMessageQueue();
        var sequence = 0L;
        for (var page = 0; page < 200; page++)
        {
            var arguments = Bytes($"[{{\"depth\":2,\"parent\":\"http://127.0.0.1:40123/t/{page}/\",\"redirectHops\":0,\"redirectChain\":null}}]");
            for (var link = 0; link < 1_000; link++)
            {
                sequence += 1 + (link % 3);
                queue.Append(sequence, 0, 0, Bytes($"job-0123456789ab|http://127.0.0.1:40123/t/{page}/{link}/"), arguments);
            }
        }

        var perMessage = queue.AllocatedBytes / 200_000.0;

        Assert.True(perMessage <= 16, $"{perMessage:N1} bytes per queued link");
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static (long Sequence, int Type, int Method, string Key, string Arguments) Read(QueuedMessage message) =>
        (message.Sequence, message.Type, message.Method, Encoding.UTF8.GetString(message.Key), Encoding.UTF8.GetString(message.Arguments));

    private static List<(long Sequence, int Type, int Method, string Key, string Arguments)> TakeAll(EncodedMessageQueue queue)
    {
        var read = new List<(long, int, int, string, string)>();
        while (queue.TryPeek(out var next))
        {
            read.Add(Read(next));
            queue.TakePeeked();
        }

        return read;
    }
}
