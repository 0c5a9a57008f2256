namespace Crawler.Grains.Links;

/// <summary>Reads token lists such as <c>rel="nofollow noopener"</c> and <c>content="noindex, nofollow"</c>.</summary>
internal static class AttributeTokens
{
    /// <summary>HTML's ASCII whitespace, which separates rel tokens.</summary>
    public const string Whitespace = " \t\n\f\r";

    /// <summary>Robots directives are comma-separated, but pages also use spaces; accepting both costs nothing.</summary>
    public const string CommaOrWhitespace = ", \t\n\f\r";

    public static bool Contains(string? list, string token, string separators)
    {
        if (list is null)
        {
            return false;
        }

        var rest = list.AsSpan();
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOfAny(separators);
            var item = end < 0 ? rest : rest[..end];
            if (item.Equals(token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (end < 0)
            {
                break;
            }

            rest = rest[(end + 1)..];
        }

        return false;
    }

    /// <summary>Trims and collapses runs of whitespace to one space; null when nothing is left.</summary>
    public static string? CollapseWhitespace(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.Length == 0 ? null : builder.ToString();
    }
}
