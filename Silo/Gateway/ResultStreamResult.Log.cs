namespace Crawler.Silo.Gateway;

internal sealed partial class ResultStreamResult
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "A results stream broke off; the connection is aborted so the client sees it incomplete")]
        public static partial void StreamFailed(ILogger logger, Exception exception);
    }
}
