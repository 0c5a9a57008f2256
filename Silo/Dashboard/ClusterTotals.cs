namespace Crawler.Silo.Dashboard;

/// <summary>The cluster summed over the silos that answered: the overview's numbers.</summary>
public sealed record ClusterTotals(
    int SilosUp,
    int SilosDead,
    int SilosUnreachable,
    int Activations,
    IReadOnlyDictionary<string, int> ActivationsByType,
    double PagesPerSecond,
    double ErrorsPerSecond,
    double TurnsPerSecond,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    IReadOnlyList<MethodView> Methods);
