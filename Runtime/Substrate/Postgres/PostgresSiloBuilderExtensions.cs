using Crawler.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crawler.Runtime.Substrate.Postgres;

public static class PostgresSiloBuilderExtensions
{
    /// <summary>
    /// A cluster over PostgreSQL, as Orleans' ADO.NET clustering: every silo configured with the same connection
    /// string, schema and partition count shares membership, partitions, mailboxes, state and streams.
    /// </summary>
    public static SiloBuilder UsePostgresSubstrate(this SiloBuilder builder, Action<PostgresSubstrateOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new PostgresSubstrateOptions();
        configure(options);
        options.Validate();
        var registry = builder.Registry;
        return builder.UseSubstrate(sp => new PostgresSubstrate(
            options,
            registry,
            sp.GetService<ILoggerFactory>()?.CreateLogger<PostgresSubstrate>(),
            sp.GetService<TimeProvider>()));
    }
}
