using System.Text;

namespace Crawler.Grains.Robots;

/// <summary>
/// One compiled allow or disallow line. The pattern is kept as its literal pieces between '*' wildcards,
/// so matching is a prefix test, one forward search per further piece and, when anchored by a final '$',
/// a suffix test: linear in the path for each piece, with no backtracking whatever the pattern.
/// </summary>
internal sealed class RobotsRule
{
    private readonly string[] _pieces;
    private readonly bool _anchored;

    private RobotsRule(string[] pieces, bool anchored, bool isAllow, int specificity)
    {
        _pieces = pieces;
        _anchored = anchored;
        IsAllow = isAllow;
        Specificity = specificity;
    }

    public bool IsAllow { get; }

    /// <summary>The pattern's length in octets once normalized, wildcards and anchor included (§2.2.2 "most octets").</summary>
    public int Specificity { get; }

    /// <summary>
    /// Compiles a trimmed allow or disallow value; null when it matches nothing: empty (§2.2.2: an empty
    /// <c>disallow:</c> allows everything) or not starting with '/' or '*', which no path can match.
    /// </summary>
    public static RobotsRule? Compile(ReadOnlySpan<byte> value, bool isAllow)
    {
        if (value.IsEmpty || (value[0] != '/' && value[0] != '*'))
        {
            return null;
        }

        // Only a final '$' anchors; elsewhere it is an ordinary character, as Google reads it.
        var anchored = value[^1] == '$';
        if (anchored)
        {
            value = value[..^1];
        }

        var pieces = new List<string>();
        var builder = new StringBuilder(value.Length);
        var specificity = anchored ? 1 : 0;
        var rest = value;
        while (true)
        {
            var star = rest.IndexOf((byte)'*');
            var literal = star < 0 ? rest : rest[..star];
            builder.Clear();
            RobotsPath.AppendLiteral(builder, literal);
            specificity += builder.Length;

            // "**" is one wildcard: an empty piece between two stars would only cost a search.
            if (builder.Length > 0 || pieces.Count == 0 || star < 0)
            {
                pieces.Add(builder.ToString());
            }

            if (star < 0)
            {
                break;
            }

            specificity++;
            rest = rest[(star + 1)..];
        }

        return new RobotsRule([.. pieces], anchored, isAllow, specificity);
    }

    /// <summary>True when the pattern matches <paramref name="path"/> from its first character (§2.2.2).</summary>
    public bool Matches(ReadOnlySpan<char> path)
    {
        var first = _pieces[0];
        if (!path.StartsWith(first, StringComparison.Ordinal))
        {
            return false;
        }

        if (_pieces.Length == 1)
        {
            return !_anchored || path.Length == first.Length;
        }

        // Taking each middle piece at its earliest occurrence leaves the most room for the rest, so the
        // greedy search never needs to revisit a choice.
        var position = first.Length;
        var last = _pieces.Length - 1;
        for (var i = 1; i < last; i++)
        {
            var piece = _pieces[i];
            var found = path[position..].IndexOf(piece, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position += found + piece.Length;
        }

        var tail = _pieces[last];
        return _anchored
            ? path.Length - tail.Length >= position && path.EndsWith(tail, StringComparison.Ordinal)
            : path[position..].IndexOf(tail, StringComparison.Ordinal) >= 0;
    }
}
