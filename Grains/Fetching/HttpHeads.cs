using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Crawler.Grains.Archiving;

namespace Crawler.Grains.Fetching;

/// <summary>
/// Writes an HTTP/1.1 request and response head (start line, header fields, blank line) from .NET's message objects,
/// for WARC records. HttpClient does not expose the bytes it sent or received, so the heads are rebuilt from what it
/// parsed: the same fields and values, in the order .NET keeps them, with the client's default headers (user agent,
/// accept, accept-encoding) and Host included as they went on the wire.
/// </summary>
internal static class HttpHeads
{
    public static HttpExchange Exchange(HttpClient client, HttpRequestMessage request, HttpResponseMessage response, byte[] body, bool truncated, DateTimeOffset date)
    {
        var uri = request.RequestUri!;
        var requestHead = new StringBuilder();
        requestHead.Append(CultureInfo.InvariantCulture, $"{request.Method} {uri.PathAndQuery} HTTP/{Version(response.Version)}\r\n");
        requestHead.Append("Host: ").Append(uri.IsDefaultPort ? uri.Host : uri.Authority).Append("\r\n");
        AppendFields(requestHead, client.DefaultRequestHeaders);
        AppendFields(requestHead, request.Headers);
        requestHead.Append("\r\n");

        var responseHead = new StringBuilder();
        responseHead.Append(CultureInfo.InvariantCulture, $"HTTP/{Version(response.Version)} {(int)response.StatusCode} {response.ReasonPhrase}\r\n");
        AppendFields(responseHead, response.Headers);
        AppendFields(responseHead, response.Content.Headers);
        responseHead.Append("\r\n");
        return new HttpExchange(uri, date, Encoding.Latin1.GetBytes(requestHead.ToString()), Encoding.Latin1.GetBytes(responseHead.ToString()), body, truncated);
    }

    private static string Version(Version version) => version.Major >= 2 ? version.Major.ToString(CultureInfo.InvariantCulture) : $"{version.Major}.{version.Minor}";

    private static void AppendFields(StringBuilder head, HttpHeaders headers)
    {
        foreach (var (name, values) in headers.NonValidated)
        {
            foreach (var value in values)
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }
    }
}
