using System.Text;

namespace Crawler.Grains.Urls;

/// <summary>Orders '&amp;'-separated query parameters by name so that equivalent links share one form.</summary>
internal static class QueryParameters
{
    /// <summary>
    /// Appends the parameters of <paramref name="query"/> sorted by name with a stable ordinal sort, so
    /// repeated names keep their values' order (which servers may rely on). Empty parameters ("a&amp;&amp;b")
    /// are dropped: they carry nothing and would otherwise sort first.
    /// </summary>
    public static void AppendSorted(StringBuilder builder, ReadOnlySpan<char> query)
    {
        var count = 1 + query.Count('&');
        var ranges = new QueryParameter[count];
        var found = 0;
        var sorted = true;
        var start = 0;
        while (start <= query.Length)
        {
            var ampersand = query[start..].IndexOf('&');
            var end = ampersand < 0 ? query.Length : start + ampersand;
            if (end > start)
            {
                var equals = query[start..end].IndexOf('=');
                var parameter = new QueryParameter(start, end - start, equals < 0 ? end - start : equals, found);
                if (found > 0 && Compare(query, ranges[found - 1], parameter) > 0)
                {
                    sorted = false;
                }

                ranges[found++] = parameter;
            }

            start = end + 1;
        }

        if (!sorted)
        {
            var text = query.ToString();
            Array.Sort(ranges, 0, found, Comparer<QueryParameter>.Create((left, right) => Compare(text, left, right)));
        }

        for (var i = 0; i < found; i++)
        {
            if (i > 0)
            {
                builder.Append('&');
            }

            builder.Append(query.Slice(ranges[i].Start, ranges[i].Length));
        }
    }

    private static int Compare(ReadOnlySpan<char> query, QueryParameter left, QueryParameter right)
    {
        var byName = query.Slice(left.Start, left.NameLength).SequenceCompareTo(query.Slice(right.Start, right.NameLength));
        return byName != 0 ? byName : left.Index.CompareTo(right.Index);
    }
}
