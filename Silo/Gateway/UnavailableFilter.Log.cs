namespace Crawler.Silo.Gateway;

internal sealed partial class UnavailableFilter
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Gateway request {Path} answered 503: the cluster did not answer")]
        public static partial void Unavailable(ILogger logger, Exception exception, string path);
    }
}
