namespace Crawler.Runtime.Messaging;

/// <summary>
/// One message queued at an activation: a durable one (from the mailbox, acknowledged by the turn's commit)
/// or a request whose caller waits on <see cref="Reply"/>.
/// </summary>
internal sealed class WorkItem
{
    private int _finished;

    private WorkItem(GrainMethod method, object?[] arguments, Envelope? durable, TaskCompletionSource<object?>? reply, Action? onFinished)
    {
        Method = method;
        Arguments = arguments;
        Durable = durable;
        Reply = reply;
        _onFinished = onFinished;
    }

    private readonly Action? _onFinished;

    public GrainMethod Method { get; }

    public object?[] Arguments { get; }

    public Envelope? Durable { get; }

    public TaskCompletionSource<object?>? Reply { get; }

    /// <summary>Turns run on this message so far plus the one to come: 1 at first, more once a failed turn is retried.</summary>
    public int Attempt { get; set; } = 1;

    /// <summary>Set once the message has failed its last attempt: its next turn tells the grain instead of running it.</summary>
    public Exception? DroppedBecause { get; set; }

    public static WorkItem FromEnvelope(Envelope envelope, Action onFinished) =>
        new(envelope.Method, envelope.ArgumentArray, envelope, null, onFinished);

    public static WorkItem Request(GrainMethod method, object?[] arguments) =>
        new(method, arguments, null, new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously), null);

    /// <summary>Ends the item exactly once: answers the caller, frees the pump's window slot.</summary>
    public void Finish(object? result, Exception? error)
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0)
        {
            return;
        }

        if (Reply is { } reply)
        {
            if (error is null)
            {
                reply.TrySetResult(result);
            }
            else
            {
                reply.TrySetException(error);
            }
        }

        _onFinished?.Invoke();
    }
}
