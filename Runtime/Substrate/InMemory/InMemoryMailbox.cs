using Crawler.Runtime.Messaging;

namespace Crawler.Runtime.Substrate.InMemory;

/// <summary>
/// One partition's mailbox. Messages handed to the owner wait in <see cref="_delivered"/> until a commit
/// consumes them; when the epoch changes they go back to the front, in order, for the new owner.
/// Guarded by the substrate's lock.
/// </summary>
internal sealed class InMemoryMailbox
{
    private readonly SortedDictionary<long, Envelope> _delivered = [];
    private LinkedList<Envelope> _unread = new();
    private long _epoch = -1;
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Count => _unread.Count + _delivered.Count;

    public void Add(Envelope envelope)
    {
        _unread.AddLast(envelope);
        if (!_signal.Task.IsCompleted)
        {
            _signal.TrySetResult();
        }
    }

    public List<Envelope> Take(long epoch, int max)
    {
        if (epoch != _epoch)
        {
            _epoch = epoch;
            if (_delivered.Count > 0)
            {
                var restored = new LinkedList<Envelope>(_delivered.Values);
                foreach (var envelope in _unread)
                {
                    restored.AddLast(envelope);
                }

                _unread = restored;
                _delivered.Clear();
            }
        }

        var taken = new List<Envelope>(Math.Min(max, _unread.Count));
        while (taken.Count < max && _unread.First is { } first)
        {
            _unread.RemoveFirst();
            _delivered.Add(first.Value.Sequence, first.Value);
            taken.Add(first.Value);
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

        for (var node = _unread.First; node is not null; node = node.Next)
        {
            if (node.Value.Sequence == sequence)
            {
                _unread.Remove(node);
                return true;
            }
        }

        return false;
    }

    public Task NextSignal()
    {
        if (_unread.Count > 0)
        {
            return Task.CompletedTask;
        }

        if (_signal.Task.IsCompleted)
        {
            _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return _signal.Task;
    }
}
