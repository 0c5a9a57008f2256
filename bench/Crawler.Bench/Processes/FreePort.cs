using System.Net;
using System.Net.Sockets;

namespace Crawler.Bench.Processes;

/// <summary>A loopback port free now, for a process told its port on the command line (a silo publishes the one it binds).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
