using Microsoft.Extensions.Logging;

namespace Crawler.Runtime.Substrate.Postgres;

internal sealed partial class PostgresMailboxListener
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1611, Level = LogLevel.Warning, Message = "Listening on {Channel} failed; mailboxes are polled until it reconnects in {Delay}")]
        public static partial void ListenerFailed(ILogger logger, Exception exception, string channel, TimeSpan delay);

        [LoggerMessage(EventId = 1612, Level = LogLevel.Information, Message = "Listening on {Channel} again")]
        public static partial void ListenerReconnected(ILogger logger, string channel);
    }
}
