using Serilog;

namespace Crawler.Silo.Logging;

/// <summary>
/// The silo's Serilog logger: sinks and levels from the <c>Serilog</c> configuration section (console and a rolling
/// JSON file by default, see appsettings.json), plus the in-memory <see cref="LogRing"/> the dashboard tails.
/// </summary>
public static class SiloLogging
{
    public static Serilog.Core.Logger Create(IConfiguration configuration, LogRing ring)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(ring);
        return new LoggerConfiguration()
            .ReadFrom.Configuration(configuration)
            .WriteTo.Sink(ring)
            .CreateLogger();
    }
}
