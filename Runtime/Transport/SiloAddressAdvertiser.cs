using System.Net;
using Crawler.Runtime.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crawler.Runtime.Transport;

/// <summary>
/// Once every hosted service has started (so Kestrel has bound, and port 0 has become a real port), publishes
/// the silo's address in the membership table. A server reachable from other machines without a cluster key
/// stops the host: the internal endpoint would run any grain call for anyone.
/// </summary>
internal sealed partial class SiloAddressAdvertiser(Silo silo, SiloTransportOptions options, IServiceProvider services, ILogger<SiloAddressAdvertiser> logger)
    : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var bound = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        if (!options.HasClusterKey && !SiloAddresses.IsLoopbackOnly(bound))
        {
            throw new InvalidOperationException(
                $"Silo {silo.SiloId} listens on {string.Join(", ", bound)}, beyond loopback, and its internal endpoint "
                + "(/_silo/*) would run grain calls for anyone: set a shared secret in Silo:ClusterKey (the same on every silo and client).");
        }

        var address = SiloAddresses.Advertised(silo.Address, bound, Dns.GetHostName());
        if (address is null)
        {
            Log.NoAddress(logger, silo.SiloId);
            return;
        }

        await silo.AdvertiseAsync(address, cancellationToken);
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
