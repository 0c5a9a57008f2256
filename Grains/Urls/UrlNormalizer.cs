using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Crawler.Grains.Urls;

/// <summary>
/// Resolves links and brings them to one canonical form (RFC 3986 §5.2, §6.2.2, §6.2.3) so that the
/// frontier sees each page once. Only http and https URLs are crawlable.
/// </summary>
/// <remarks>Thread-safe: instances hold only configuration.</remarks>
// Hand-written: System.Uri unescapes and escapes inconsistently, so it cannot give one form per RFC 3986 equivalence class.
public sealed class UrlNormalizer
{
    private const int MaxSchemeInMessage = 32;
    private const int MaxUrlInMessage = 200;

    // Decoding shrinks an escape at most three to one, so anything longer than this cannot come under the
    // cap without dot-segment tricks; refusing it early keeps a hostile megabyte href from costing a megabyte.
    private const int MaxInputFactor = 3;

    private readonly bool _sortQueryParameters;
    private readonly int _maxUrlLength;

    public UrlNormalizer(bool sortQueryParameters = true, int maxUrlLength = 2048)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxUrlLength);
        _sortQueryParameters = sortQueryParameters;
        _maxUrlLength = maxUrlLength;
    }

    /// <summary>Sorts query parameters and caps URLs at 2048 characters.</summary>
    public static UrlNormalizer Default { get; } = new();

    /// <summary>
    /// Resolves <paramref name="href"/> against <paramref name="baseUri"/> (null: href must be absolute),
    /// keeps only http/https, and returns the normalized absolute URL; false, with a short reason, when
    /// it cannot be crawled.
    /// </summary>
    public bool TryNormalize(string href, Uri? baseUri, [NotNullWhen(true)] out string? url, out string? rejection)
    {
        ArgumentNullException.ThrowIfNull(href);
        url = null;
        var text = UrlText.Clean(href);
        if (text.Length == 0)
        {
            rejection = "empty URL";
            return false;
        }

        var hash = text.IndexOf('#');
        if ((long)(hash < 0 ? text.Length : hash) > (long)_maxUrlLength * MaxInputFactor)
        {
            rejection = TooLong();
            return false;
        }

        var reference = UriReference.Parse(text);
        UriReference resolved;
        if (baseUri is { IsAbsoluteUri: true })
        {
            resolved = UriReference.Parse(baseUri.AbsoluteUri).Resolve(reference);
        }
        else if (reference.IsAbsolute)
        {
            resolved = reference with { Path = DotSegments.Remove(reference.Path) };
        }
        else
        {
            rejection = baseUri is null ? "relative URL without a base URL" : "base URL is not absolute";
            return false;
        }

        return TryNormalizeResolved(resolved, out url, out rejection);
    }

    /// <summary>Normalizes an absolute URL; throws <see cref="ArgumentException"/> saying why when it cannot be crawled.</summary>
    public string Normalize(string absoluteUrl)
    {
        ArgumentNullException.ThrowIfNull(absoluteUrl);
        if (!TryNormalize(absoluteUrl, null, out var url, out var rejection))
        {
            throw new ArgumentException($"Cannot normalize URL '{Shorten(absoluteUrl, MaxUrlInMessage)}': {rejection}.", nameof(absoluteUrl));
        }

        return url;
    }

    private bool TryNormalizeResolved(UriReference resolved, [NotNullWhen(true)] out string? url, out string? rejection)
    {
        url = null;
        var scheme = resolved.Scheme!;
        bool https;
        if (scheme.Equals("http", StringComparison.OrdinalIgnoreCase))
        {
            https = false;
        }
        else if (scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            https = true;
        }
        else
        {
            rejection = $"unsupported scheme '{Shorten(scheme, MaxSchemeInMessage)}'";
            return false;
        }

        if (resolved.Authority is not { Length: > 0 } authority)
        {
            rejection = "missing host";
            return false;
        }

        var builder = new StringBuilder(authority.Length + resolved.Path.Length + (resolved.Query?.Length ?? 0) + 16);
        builder.Append(https ? "https://" : "http://");
        if (!TryAppendAuthority(builder, authority, https ? 443 : 80, out rejection))
        {
            return false;
        }

        AppendPath(builder, resolved.Path);
        if (resolved.Query is { Length: > 0 } query)
        {
            AppendQuery(builder, query);
        }

        if (builder.Length > _maxUrlLength)
        {
            rejection = TooLong();
            return false;
        }

        url = builder.ToString();
        rejection = null;
        return true;
    }

    private static bool TryAppendAuthority(StringBuilder builder, string authority, int defaultPort, out string? rejection)
    {
        // The last '@' ends the userinfo: an earlier one can only be part of it, as browsers read it.
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            PercentEncoding.AppendNormalized(builder, authority.AsSpan(0, at), UrlText.IsUserInfoChar);
            builder.Append('@');
        }

        var hostAndPort = authority.AsSpan(at + 1);
        ReadOnlySpan<char> host;
        ReadOnlySpan<char> port;
        if (hostAndPort.StartsWith('['))
        {
            var close = hostAndPort.IndexOf(']');
            var rest = close < 0 ? [] : hostAndPort[(close + 1)..];
            if (close < 0 || (!rest.IsEmpty && rest[0] != ':'))
            {
                rejection = "invalid IPv6 host";
                return false;
            }

            host = hostAndPort[..(close + 1)];
            port = rest.IsEmpty ? [] : rest[1..];
        }
        else
        {
            var colon = hostAndPort.LastIndexOf(':');
            host = colon < 0 ? hostAndPort : hostAndPort[..colon];
            port = colon < 0 ? [] : hostAndPort[(colon + 1)..];
        }

        if (!HostNormalizer.TryAppend(builder, host, out rejection))
        {
            return false;
        }

        if (!TryParsePort(port, out var portNumber))
        {
            rejection = "invalid port";
            return false;
        }

        if (portNumber >= 0 && portNumber != defaultPort)
        {
            builder.Append(':').Append(portNumber);
        }

        return true;
    }

    private static void AppendPath(StringBuilder builder, string path)
    {
        if (path.Length == 0)
        {
            builder.Append('/');
            return;
        }

        var start = builder.Length;
        PercentEncoding.AppendNormalized(builder, path, UrlText.IsPathChar);

        // Decoding %2E can create "." and ".." segments that were not there when resolution removed them.
        if (path.Contains('%'))
        {
            var decoded = builder.ToString(start, builder.Length - start);
            builder.Length = start;
            builder.Append(DotSegments.Remove(decoded));
        }
    }

    private void AppendQuery(StringBuilder builder, string query)
    {
        builder.Append('?');
        var start = builder.Length;
        PercentEncoding.AppendNormalized(builder, query, UrlText.IsQueryChar);
        if (_sortQueryParameters)
        {
            var normalized = builder.ToString(start, builder.Length - start);
            builder.Length = start;
            QueryParameters.AppendSorted(builder, normalized);
        }

        if (builder.Length == start)
        {
            builder.Length = start - 1;
        }
    }

    /// <summary>Port = *DIGIT (RFC 3986 §3.2.3); -1 when empty. Zero and values above 65535 cannot be connected to.</summary>
    private static bool TryParsePort(ReadOnlySpan<char> text, out int port)
    {
        port = -1;
        if (text.IsEmpty)
        {
            return true;
        }

        var value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
            if (value > ushort.MaxValue)
            {
                return false;
            }
        }

        if (value == 0)
        {
            return false;
        }

        port = value;
        return true;
    }

    private string TooLong() => $"longer than {_maxUrlLength} characters";

    private static string Shorten(string text, int maxLength) =>
        text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength), "…");
}
