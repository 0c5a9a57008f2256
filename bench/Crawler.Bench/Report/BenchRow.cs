namespace Crawler.Bench.Report;

/// <summary>
/// One measure of the suite: the median of its runs, every run's value, and the target. Higher is better
/// unless <see cref="LowerIsBetter"/>. A row without a target is a reference figure.
/// </summary>
public sealed record BenchRow(string Measure, string Unit, IReadOnlyList<double> Runs, double? Target, bool LowerIsBetter, string? Note = null)
{
    public double Median
    {
        get
        {
            if (Runs.Count == 0)
            {
                return double.NaN;
            }

            var sorted = Runs.Order().ToArray();
            var middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    /// <summary>Whether the median meets the target; null for a reference row.</summary>
    public bool? Met => Target is not { } target ? null : !double.IsNaN(Median) && (LowerIsBetter ? Median <= target : Median >= target);
}
