using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Crawler.Grains.Urls;

/// <summary>Normalizes the host of an http(s) URL: lowercase, no trailing dot, punycode for IDN, canonical IPv6.</summary>
internal static class HostNormalizer
{
    private const int MaxHostLength = 253;
    private const int MaxLabelLength = 63;

    public static bool TryAppend(StringBuilder builder, ReadOnlySpan<char> host, out string? rejection)
    {
        if (host.IsEmpty)
        {
            rejection = "missing host";
            return false;
        }

        if (host[0] == '[')
        {
            return TryAppendIPv6(builder, host, out rejection);
        }

        if (host.Contains('%'))
        {
            if (!PercentEncoding.TryDecode(host, out var decoded))
            {
                rejection = "host is not valid UTF-8";
                return false;
            }

            host = decoded;
        }

        if (host.EndsWith('.'))
        {
            host = host[..^1];
        }

        if (!Ascii.IsValid(host))
        {
            if (!TryToAscii(host, out var ascii))
            {
                rejection = "invalid internationalized host";
                return false;
            }

            host = ascii;
        }

        return TryAppendAsciiHost(builder, host, out rejection);
    }

    private static bool TryAppendAsciiHost(StringBuilder builder, ReadOnlySpan<char> host, out string? rejection)
    {
        if (host.IsEmpty || host.Length > MaxHostLength)
        {
            rejection = "invalid host";
            return false;
        }

        var labelLength = 0;
        foreach (var raw in host)
        {
            var c = char.ToLowerInvariant(raw);
            if (c == '.')
            {
                if (labelLength == 0)
                {
                    rejection = "invalid host";
                    return false;
                }

                labelLength = 0;
            }
            else if (!UrlText.IsHostChar(c) || ++labelLength > MaxLabelLength)
            {
                rejection = "invalid host";
                return false;
            }
        }

        if (labelLength == 0)
        {
            rejection = "invalid host";
            return false;
        }

        foreach (var c in host)
        {
            builder.Append(char.ToLowerInvariant(c));
        }

        rejection = null;
        return true;
    }

    /// <summary>
    /// Lowercases before converting: under invariant globalization IdnMapping does no case mapping,
    /// so "BÜCHER" and "bücher" would otherwise get different punycode.
    /// </summary>
    private static bool TryToAscii(ReadOnlySpan<char> host, out string ascii)
    {
        try
        {
            ascii = new IdnMapping().GetAscii(host.ToString().ToLowerInvariant());
            return true;
        }
        catch (ArgumentException)
        {
            ascii = string.Empty;
            return false;
        }
    }

    private static bool TryAppendIPv6(StringBuilder builder, ReadOnlySpan<char> host, out string? rejection)
    {
        var inner = host[^1] == ']' ? host[1..^1] : [];
        if (inner.IsEmpty || inner.Contains('%')
            || !IPAddress.TryParse(inner, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            rejection = "invalid IPv6 host";
            return false;
        }

        builder.Append('[').Append(address.ToString()).Append(']');
        rejection = null;
        return true;
    }
}
