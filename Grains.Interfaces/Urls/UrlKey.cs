namespace Crawler.Grains.Interfaces;

/// <summary>A URL grain's key: the job id and the normalized URL. Job ids never contain '|'.</summary>
public static class UrlKey
{
    private const char Separator = '|';

    public static string Create(string jobId, string normalizedUrl) => string.Concat(jobId, "|", normalizedUrl);

    public static (string JobId, string Url) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var separator = key.IndexOf(Separator, StringComparison.Ordinal);
        if (separator <= 0)
        {
            throw new ArgumentException($"'{key}' is not a URL grain key (job|url).", nameof(key));
        }

        return (key[..separator], key[(separator + 1)..]);
    }
}
