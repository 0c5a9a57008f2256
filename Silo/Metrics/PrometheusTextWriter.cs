using System.Globalization;
using System.Text;

namespace Crawler.Silo.Metrics;

/// <summary>
/// Writes metrics in the Prometheus text exposition format 0.0.4: a HELP and a TYPE line per metric, then one line
/// per series (histograms as _bucket lines with cumulative counts and an le label, then _sum and _count).
/// </summary>
public static class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(IEnumerable<MetricFamily> families)
    {
        ArgumentNullException.ThrowIfNull(families);
        var text = new StringBuilder();
        foreach (var family in families)
        {
            text.Append("# HELP ").Append(family.Name).Append(' ').Append(EscapeHelp(family.Help)).Append('\n');
            text.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Kind switch
            {
                MetricKind.Counter => "counter",
                MetricKind.Histogram => "histogram",
                _ => "gauge",
            }).Append('\n');
            foreach (var sample in family.Samples)
            {
                if (sample.Buckets is { } buckets)
                {
                    foreach (var (upper, count) in buckets)
                    {
                        Line(text, family.Name + "_bucket", sample.Labels, ("le", Number(upper)), count);
                    }

                    Line(text, family.Name + "_sum", sample.Labels, null, sample.Sum);
                    Line(text, family.Name + "_count", sample.Labels, null, sample.Count);
                }
                else
                {
                    Line(text, family.Name, sample.Labels, null, sample.Value);
                }
            }
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string name, IReadOnlyList<KeyValuePair<string, string>> labels, (string Key, string Value)? extra, double value)
    {
        text.Append(name);
        if (labels.Count > 0 || extra is not null)
        {
            text.Append('{');
            var first = true;
            foreach (var (key, labelValue) in labels)
            {
                Label(text, ref first, key, labelValue);
            }

            if (extra is { } e)
            {
                Label(text, ref first, e.Key, e.Value);
            }

            text.Append('}');
        }

        text.Append(' ').Append(Number(value)).Append('\n');
    }

    private static void Label(StringBuilder text, ref bool first, string key, string value)
    {
        if (!first)
        {
            text.Append(',');
        }

        first = false;
        text.Append(key).Append("=\"");
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append("\\\\"),
                '"' => text.Append("\\\""),
                '\n' => text.Append("\\n"),
                _ => text.Append(c),
            };
        }

        text.Append('"');
    }

    private static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
