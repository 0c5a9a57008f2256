namespace Crawler.Testing.Warc;

/// <summary>A WARC record as the test reader found it: its header fields and its block.</summary>
public sealed record WarcFileRecord(string Version, IReadOnlyDictionary<string, string> Headers, byte[] Block)
{
    public string Type => Headers["WARC-Type"];
}
