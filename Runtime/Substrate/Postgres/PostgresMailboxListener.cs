using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Crawler.Runtime.Substrate.Postgres;

/// <summary>
/// One connection that LISTENs for mailbox notifications and wakes the waiters of the partitions named. A
/// notification that arrives while nobody waits is kept (per partition) so the next wait returns at once: a message
/// stored between a pump's empty read and its wait is not slept through. When the connection is lost every waiter
/// is woken, and the waits fall back to their timeouts until it is back.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Its CancellationTokenSource has no timer; DisposeAsync cancels it.")]
internal sealed partial class PostgresMailboxListener : IAsyncDisposable
{
    /// <summary>LISTEN takes an identifier, not a parameter; the channel is built from a checked schema name.</summary>
    private static readonly CompositeFormat ListenSql = CompositeFormat.Parse("LISTEN \"{0}\"");

    private const string PingSql = "SELECT 1";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _channel;
    private readonly TimeSpan _pingInterval;
    private readonly TimeSpan _retryDelay;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource[] _signals;
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public PostgresMailboxListener(NpgsqlDataSource dataSource, string channel, int partitionCount, TimeSpan pingInterval, TimeSpan retryDelay, ILogger logger)
    {
        _dataSource = dataSource;
        _channel = channel;
        _pingInterval = pingInterval;
        _retryDelay = retryDelay;
        _logger = logger;
        _signals = new TaskCompletionSource[partitionCount];
        for (var i = 0; i < partitionCount; i++)
        {
            _signals[i] = NewSignal();
        }
    }

    /// <summary>Returns once the connection listens, so every notification sent after it is seen.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        _loop = Task.Run(() => RunAsync(connection), CancellationToken.None);
    }

    public Task WaitAsync(int partition, TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        Task signal;
        lock (_gate)
        {
            var current = _signals[partition];
            if (current.Task.IsCompleted)
            {
                _signals[partition] = NewSignal();
                return Task.CompletedTask;
            }

            signal = current.Task;
        }

        return WaitForSignalAsync(partition, signal, timeout, timeProvider, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task WaitForSignalAsync(int partition, Task signal, TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        // Waking on the timeout is the normal idle path (every idle partition, every poll interval): it is told
        // apart without an exception, and the caller just reads again.
        await signal.WaitAsync(timeout, timeProvider, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
        if (!signal.IsCompleted)
        {
            return;
        }

        lock (_gate)
        {
            if (_signals[partition].Task == signal)
            {
                _signals[partition] = NewSignal();
            }
        }
    }

    private async Task<NpgsqlConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            connection.Notification += OnNotification;
            await using var listen = new NpgsqlCommand(string.Format(CultureInfo.InvariantCulture, ListenSql, _channel), connection);
            await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return connection;
    }

    private async Task RunAsync(NpgsqlConnection? connection)
    {
        var token = _stopping.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                try
                {
                    if (connection is null)
                    {
                        connection = await ConnectAsync(token).ConfigureAwait(false);
                        Log.ListenerReconnected(_logger, _channel);

                        // Whatever was sent while nobody listened is read by the next pass of every pump.
                        WakeAll();
                    }

                    while (true)
                    {
                        if (!await connection.WaitAsync(_pingInterval, token).ConfigureAwait(false))
                        {
                            await using var ping = new NpgsqlCommand(PingSql, connection);
                            await ping.ExecuteScalarAsync(token).ConfigureAwait(false);
                        }
                    }
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    Log.ListenerFailed(_logger, ex, _channel, _retryDelay);
                    WakeAll();
                    if (connection is not null)
                    {
                        connection.Notification -= OnNotification;
                        await connection.DisposeAsync().ConfigureAwait(false);
                        connection = null;
                    }

                    try
                    {
                        await Task.Delay(_retryDelay, token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }
        }
        finally
        {
            if (connection is not null)
            {
                connection.Notification -= OnNotification;
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (int.TryParse(e.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var partition) && partition < _signals.Length)
        {
            lock (_gate)
            {
                _signals[partition].TrySetResult();
            }
        }
    }

    private void WakeAll()
    {
        lock (_gate)
        {
            foreach (var signal in _signals)
            {
                signal.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
