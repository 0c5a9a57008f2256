using System.Net;
using System.Net.Sockets;

namespace Crawler.Silo.Tests.Infrastructure;

/// <summary>Loopback ports nothing listens on, for a peer that is gone.</summary>
internal static class ClosedPorts
{
    /// <summary>A port the system just handed out and that was closed again: a connection to it is refused.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
