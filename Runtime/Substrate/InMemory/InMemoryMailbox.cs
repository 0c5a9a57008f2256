using Crawler.Runtime.Messaging;

namespace Crawler.Runtime.Substrate.InMemory;

/// <summary>
/// One partition's mailbox. The oldest messages not yet handed out wait as they were sent, in <see cref="_recent"/>,
/// up to <see cref="RecentCapacity"/>; once that many wait, the rest wait encoded in <see cref="_queued"/>, a few
/// bytes each. A short queue, the common case, so costs no decoding, and a long one (a crawl's frontier) little memory.
/// Messages handed to the owner wait in <see cref="_delivered"/> until a commit consumes them; when the epoch changes
/// they go to <see cref="_redelivered"/>, ahead of the rest. Each part holds older messages than the next, so messages
/// are handed out in order. Guarded by the substrate's lock; the caller turns what it takes into envelopes after
/// releasing it.
/// </summary>
internal sealed class InMemoryMailbox(MessageVocabulary vocabulary)
{
    /// <summary>Messages kept as objects per mailbox: two of the silo's mailbox reads (256 each).</summary>
    public const int RecentCapacity = 512;

    /// <summary>The most bytes one read copies into one array; a larger message gets an array of its own.</summary>
    private const int CopyBlockSize = 16 * 1024;

    private readonly SortedDictionary<long, DeliveredMessage> _delivered = [];
    private readonly List<DeliveredMessage> _redelivered = [];
    private readonly EncodedMessageQueue _queued = new();
    private Queue<Envelope> _recent = new();
    private long _epoch = -1;
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Count => _redelivered.Count + _recent.Count + _queued.Count + _delivered.Count;

    /// <summary>Bytes held by the encoded queue.</summary>
    public long QueuedBytes => _queued.AllocatedBytes;

    /// <summary>
    /// Queues a message whose sequence was just assigned: as it is while few wait, else encoded, its key as
    /// <paramref name="batch"/> holds it at <paramref name="index"/> and its arguments as they were encoded when sent.
    /// </summary>
    public void Add(Envelope message, EncodedBatch batch, int index)
    {
        if (_queued.Count == 0 && _recent.Count < RecentCapacity)
        {
            _recent.Enqueue(message);
        }
        else
        {
            _queued.Append(message.Sequence, vocabulary.IndexOf(message.Target.Type), vocabulary.IndexOf(message.Method), batch.KeyOf(index), message.EncodeArguments());
        }

        if (!_signal.Task.IsCompleted)
        {
            _signal.TrySetResult();
        }
    }

    /// <summary>Hands out up to <paramref name="max"/> messages not yet handed out at this epoch, oldest first.</summary>
    public List<DeliveredMessage> Take(long epoch, int max)
    {
        if (epoch != _epoch)
        {
            _epoch = epoch;
            if (_delivered.Count > 0)
            {
                _redelivered.InsertRange(0, _delivered.Values);
                _delivered.Clear();
            }
        }

        var taken = new List<DeliveredMessage>(Math.Clamp(_redelivered.Count + _recent.Count + _queued.Count, 0, Math.Max(max, 0)));
        var again = Math.Clamp(max, 0, _redelivered.Count);
        for (var i = 0; i < again; i++)
        {
            Deliver(_redelivered[i], taken);
        }

        _redelivered.RemoveRange(0, again);
        while (taken.Count < max && _recent.TryDequeue(out var recent))
        {
            Deliver(DeliveredMessage.Sent(recent), taken);
        }

        // The queue's bytes are only valid until its next read: each message's are copied out, many to one array.
        var block = Array.Empty<byte>();
        var used = 0;
        while (taken.Count < max && _queued.TryPeek(out var next))
        {
            var size = next.Key.Length + next.Arguments.Length;
            if (block.Length - used < size)
            {
                var wanted = (long)size * Math.Min(max - taken.Count, _queued.Count);
                block = new byte[Math.Max(size, (int)Math.Min(wanted, CopyBlockSize))];
                used = 0;
            }

            next.Key.CopyTo(block.AsSpan(used));
            next.Arguments.CopyTo(block.AsSpan(used + next.Key.Length));
            var message = DeliveredMessage.Encoded(
                next.Sequence, vocabulary.TypeAt(next.Type), vocabulary.MethodAt(next.Method), block.AsMemory(used, size), next.Key.Length);
            used += size;
            _queued.TakePeeked();
            Deliver(message, taken);
        }

        return taken;
    }

    /// <summary>Removes a message a turn handled; false when it is not here (that turn was committed before).</summary>
    public bool Consume(long sequence)
    {
        if (_delivered.Remove(sequence))
        {
            return true;
        }

        // A turn handles a message handed out at the current epoch; the other parts are searched so as not to depend on it.
        var redelivered = _redelivered.FindIndex(m => m.Sequence == sequence);
        if (redelivered >= 0)
        {
            _redelivered.RemoveAt(redelivered);
            return true;
        }

        if (_recent.Any(m => m.Sequence == sequence))
        {
            _recent = new Queue<Envelope>(_recent.Where(m => m.Sequence != sequence));
            return true;
        }

        return _queued.Remove(sequence);
    }

    public Task NextSignal()
    {
        if (_redelivered.Count > 0 || _recent.Count > 0 || _queued.Count > 0)
        {
            return Task.CompletedTask;
        }

        if (_signal.Task.IsCompleted)
        {
            _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return _signal.Task;
    }

    private void Deliver(DeliveredMessage message, List<DeliveredMessage> taken)
    {
        _delivered.Add(message.Sequence, message);
        taken.Add(message);
    }
}
