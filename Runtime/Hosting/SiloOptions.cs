namespace Crawler.Runtime.Hosting;

/// <summary>Settings of one silo. Every default is documented; <see cref="Validate"/> runs at start.</summary>
public sealed class SiloOptions
{
    public static readonly TimeSpan DefaultLeaseDuration = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultMembershipPeriod = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultCollectionAge = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan DefaultCollectionPeriod = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultMailboxPollInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultHandoverTimeout = TimeSpan.FromSeconds(10);
    public const int DefaultMaxOutstandingMessages = 4096;
    public const int DefaultMailboxReadBatch = 256;
    public const int DefaultMaxCommitBatch = 1024;
    public const int DefaultMaxMessageAttempts = 3;
    public static readonly TimeSpan DefaultMessageRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>This silo's id in the membership table. Default: "silo-" and a random suffix.</summary>
    public string SiloId { get; set; } = $"silo-{Guid.NewGuid():N}"[..13];

    /// <summary>Where the silo can be reached (its gateway URL); shown in cluster views. Default: empty.</summary>
    public string Address { get; set; } = "";

    /// <summary>How long a partition lease lasts without renewal; also how long a silo may miss heartbeats before it counts as dead. Default 10 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = DefaultLeaseDuration;

    /// <summary>How often the silo heartbeats, renews its leases and rebalances. Default 1 s; at most a third of the lease.</summary>
    public TimeSpan MembershipPeriod { get; set; } = DefaultMembershipPeriod;

    /// <summary>An activation idle this long is deactivated. Default 2 min.</summary>
    public TimeSpan CollectionAge { get; set; } = DefaultCollectionAge;

    /// <summary>How often idle activations are looked for. Default 15 s.</summary>
    public TimeSpan CollectionPeriod { get; set; } = DefaultCollectionPeriod;

    /// <summary>How long a grain call waits for its answer, including waiting for a partition to find an owner. Default 30 s.</summary>
    public TimeSpan ResponseTimeout { get; set; } = DefaultResponseTimeout;

    /// <summary>Longest wait between mailbox reads when no notification arrives. Default 1 s.</summary>
    public TimeSpan MailboxPollInterval { get; set; } = DefaultMailboxPollInterval;

    /// <summary>How long a graceful handover waits for running turns before dropping them. Default 10 s.</summary>
    public TimeSpan HandoverTimeout { get; set; } = DefaultHandoverTimeout;

    /// <summary>Durable messages taken from mailboxes but not yet committed, silo-wide: the back-pressure window. Default 4096.</summary>
    public int MaxOutstandingMessages { get; set; } = DefaultMaxOutstandingMessages;

    /// <summary>Messages read from a mailbox at a time. Default 256.</summary>
    public int MailboxReadBatch { get; set; } = DefaultMailboxReadBatch;

    /// <summary>Turns committed together in one substrate call. Default 1024.</summary>
    public int MaxCommitBatch { get; set; } = DefaultMaxCommitBatch;

    /// <summary>
    /// Turns a durable message gets before it is dropped as poison (acknowledged, logged as an error). Default 3.
    /// </summary>
    public int MaxMessageAttempts { get; set; } = DefaultMaxMessageAttempts;

    /// <summary>Pause before a failed durable message is tried again, times the attempts so far. Default 1 s.</summary>
    public TimeSpan MessageRetryDelay { get; set; } = DefaultMessageRetryDelay;

    public void Validate()
    {
        static void Require(bool condition, string message)
        {
            if (!condition)
            {
                throw new ArgumentException(message);
            }
        }

        Require(!string.IsNullOrWhiteSpace(SiloId), "SiloId must not be empty.");
        Require(LeaseDuration > TimeSpan.Zero, "LeaseDuration must be positive.");
        Require(MembershipPeriod > TimeSpan.Zero && MembershipPeriod * 3 <= LeaseDuration, "MembershipPeriod must be positive and at most a third of LeaseDuration.");
        Require(CollectionAge > TimeSpan.Zero && CollectionPeriod > TimeSpan.Zero, "CollectionAge and CollectionPeriod must be positive.");
        Require(ResponseTimeout > TimeSpan.Zero, "ResponseTimeout must be positive.");
        Require(MailboxPollInterval > TimeSpan.Zero, "MailboxPollInterval must be positive.");
        Require(HandoverTimeout > TimeSpan.Zero, "HandoverTimeout must be positive.");
        Require(MaxOutstandingMessages > 0 && MailboxReadBatch > 0 && MaxCommitBatch > 0, "MaxOutstandingMessages, MailboxReadBatch and MaxCommitBatch must be positive.");
        Require(MaxMessageAttempts > 0, "MaxMessageAttempts must be at least 1.");
        Require(MessageRetryDelay >= TimeSpan.Zero, "MessageRetryDelay must not be negative.");
    }
}
