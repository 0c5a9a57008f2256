using Crawler.Runtime.Messaging;
using Crawler.Runtime.Substrate.InMemory;

namespace Crawler.Runtime.Tests.Substrate.InMemory;

/// <summary>Link messages as a crawl sends them: the links of one page, to sibling URLs of one host.</summary>
internal static class QueuedMessages
{
    public const int Partitions = 4;

    public static readonly GrainMethod Follow = GrainMethod.For(typeof(ILinkGrain).GetMethod(nameof(ILinkGrain.Follow))!);

    public static readonly GrainMethod Compare = GrainMethod.For(typeof(ILinkGrain).GetMethod(nameof(ILinkGrain.Compare))!);

    public static string UrlOf(int page, int link) => $"http://127.0.0.1:40123/t/{page}/{link}/";

    public static Envelope Link(int partition, int page, int link) =>
        new(new GrainId("url", $"job-0123456789ab|{UrlOf(page, link)}"), partition, Follow, [new Link(2, $"http://127.0.0.1:40123/t/{page}/"), CancellationToken.None]);

    /// <summary>Adds the messages to the mailbox with the next sequences after <paramref name="last"/>; returns the last one given.</summary>
    public static long AddTo(InMemoryMailbox mailbox, long last, params Envelope[] messages)
    {
        using var batch = EncodedBatch.Of(messages, Partitions);
        for (var i = 0; i < messages.Length; i++)
        {
            messages[i].Sequence = ++last;
            mailbox.Add(messages[i], batch, i);
        }

        return last;
    }

    /// <summary>Fills the part of a mailbox that keeps messages as sent, so the next ones are encoded; returns the last sequence.</summary>
    public static long FillRecent(InMemoryMailbox mailbox, int partition) =>
        AddTo(mailbox, 0, [.. Enumerable.Range(0, InMemoryMailbox.RecentCapacity).Select(i => Link(partition, 0, i))]);

    /// <summary>The URL of a link message: its key after the job.</summary>
    public static string UrlIn(Envelope envelope) => envelope.Target.Key[(envelope.Target.Key.IndexOf('|', StringComparison.Ordinal) + 1)..];
}
