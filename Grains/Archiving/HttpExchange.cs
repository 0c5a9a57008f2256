namespace Crawler.Grains.Archiving;

/// <summary>
/// One fetch to archive: the request as sent and the response as received, each as its HTTP head (start line and
/// header fields, ending with the blank line) and the response body.
/// </summary>
/// <param name="TargetUri">The URL fetched.</param>
/// <param name="Date">When the response started to arrive.</param>
/// <param name="RequestHead">"GET /path HTTP/1.1" and the request's header fields, CRLF-terminated, blank line included.</param>
/// <param name="ResponseHead">The status line and the response's header fields, CRLF-terminated, blank line included.</param>
/// <param name="Payload">The body as archived (after any content decoding; see <see cref="WarcWriter"/>).</param>
/// <param name="PayloadTruncated">The body was cut at the size limit.</param>
/// <param name="IpAddress">The address connected to, if known.</param>
public sealed record HttpExchange(
    Uri TargetUri,
    DateTimeOffset Date,
    byte[] RequestHead,
    byte[] ResponseHead,
    ReadOnlyMemory<byte> Payload,
    bool PayloadTruncated = false,
    string? IpAddress = null);
