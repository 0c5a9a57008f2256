namespace Crawler.Grains.Interfaces;

/// <summary>Job ids: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.</summary>
public static class JobId
{
    public const int MaxLength = 64;

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= MaxLength }
        && char.IsAsciiLetterOrDigit(id[0])
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    public static string New() => $"job-{Guid.NewGuid():N}"[..16];
}
