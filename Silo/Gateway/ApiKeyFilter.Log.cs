namespace Crawler.Silo.Gateway;

internal sealed partial class ApiKeyFilter
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Refused {Method} {Path} from {Remote}: API key missing or wrong (a key was sent: {KeySent})")]
        public static partial void Refused(ILogger logger, string method, string path, string remote, bool keySent);
    }
}
