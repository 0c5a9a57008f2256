using Microsoft.Extensions.Logging;

namespace Crawler.Runtime.Transport;

internal sealed partial class SiloAddressAdvertiser
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1721, Level = LogLevel.Warning, Message = "Silo {SiloId} has no HTTP address to advertise (no server bound and no Silo:Address): silos of other processes cannot send it request calls")]
        public static partial void NoAddress(ILogger logger, string siloId);
    }
}
