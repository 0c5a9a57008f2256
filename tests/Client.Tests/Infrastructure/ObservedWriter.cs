using System.Text;

namespace Crawler.Client.Tests.Infrastructure;

/// <summary>A string writer that signals when a whole line has been written to it, so a test can wait for output without polling.</summary>
public sealed class ObservedWriter : StringWriter
{
    private readonly TaskCompletionSource _line = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first line has ended.</summary>
    public Task FirstLine => _line.Task;

    public override void Write(char value)
    {
        base.Write(value);
        if (value == '\n')
        {
            _line.TrySetResult();
        }
    }

    public override void Write(string? value)
    {
        base.Write(value);
        if (value?.Contains('\n', StringComparison.Ordinal) == true)
        {
            _line.TrySetResult();
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        base.Write(buffer, index, count);
        if (Array.IndexOf(buffer, '\n', index, count) >= 0)
        {
            _line.TrySetResult();
        }
    }

    public override Task WriteLineAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        base.Write(buffer.Span);
        Write(CoreNewLine);
        return Task.CompletedTask;
    }

    public override Encoding Encoding => Encoding.UTF8;
}
