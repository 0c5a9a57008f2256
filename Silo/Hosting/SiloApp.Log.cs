namespace Crawler.Silo.Hosting;

public static partial class SiloApp
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Cluster substrate: PostgreSQL at {Connection}")]
        public static partial void PostgresSubstrate(ILogger logger, string connection);
    }
}
