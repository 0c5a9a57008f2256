using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;

namespace Crawler.Grains.Fetching;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> that keeps fetches off private networks. It resolves the
/// host itself and connects to an address it has checked, never to the name, so a DNS answer that changes
/// between the check and the connect (rebinding) cannot slip a private address through.
/// </summary>
internal static class GuardedConnector
{
    /// <summary>
    /// A callback for one handler. A pooled connection is reused by any later request to the same origin, and the
    /// callback sees only the request that opened it, so a handler never shares its pool with requests allowed other
    /// addresses: <paramref name="handlerPolicy"/> is fixed per handler, and the request's <see cref="FetchPolicy"/>
    /// can only narrow it.
    /// </summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> For(FetchPolicy handlerPolicy) =>
        (context, cancellationToken) => ConnectAsync(handlerPolicy, context, cancellationToken);

    private static async ValueTask<Stream> ConnectAsync(FetchPolicy handlerPolicy, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var requestPolicy = context.InitialRequestMessage.Options.TryGetValue(FetchPolicy.OptionKey, out var policy) ? policy : FetchPolicy.PublicOnly;
        bool Allowed(AddressKind kind) => handlerPolicy.Allows(kind) && requestPolicy.Allows(kind);
        var endPoint = context.DnsEndPoint;
        var host = endPoint.Host.TrimStart('[').TrimEnd(']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);

        (IPAddress Address, AddressKind Kind)? refused = null;
        Exception? lastFailure = null;
        foreach (var address in addresses)
        {
            var kind = AddressClassifier.Classify(address);
            if (!Allowed(kind))
            {
                refused ??= (address, kind);
                continue;
            }

            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken).ConfigureAwait(false);
                if (socket.RemoteEndPoint is IPEndPoint remote && AddressClassifier.Classify(remote.Address) is var remoteKind && !Allowed(remoteKind))
                {
                    throw new PrivateAddressRefusedException(remote.Address, remoteKind);
                }

                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                lastFailure = ex;
            }
            catch (Exception)
            {
                socket.Dispose();
                throw;
            }
        }

        if (lastFailure is not null)
        {
            ExceptionDispatchInfo.Throw(lastFailure);
        }

        if (refused is var (refusedAddress, refusedKind))
        {
            throw new PrivateAddressRefusedException(refusedAddress, refusedKind);
        }

        throw new SocketException((int)SocketError.HostNotFound);
    }
}
