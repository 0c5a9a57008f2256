using Crawler.Runtime.Hosting;
using Crawler.Runtime.Testing;
using Crawler.Runtime.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;

namespace Crawler.Runtime.Tests.Infrastructure;

/// <summary>Starts test clusters over the test grains, every silo sharing one <see cref="TestProbe"/>.</summary>
public static class TestClusters
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static Task<TestCluster> StartAsync(
        TestProbe probe,
        int silos = 1,
        Action<SiloOptions>? configureSilo = null,
        TimeProvider? timeProvider = null,
        int partitions = 16)
    {
        var options = new TestClusterOptions
        {
            InitialSilos = silos,
            PartitionCount = partitions,
            ConfigureServices = services => services.AddSingleton(probe),
            ConfigureSilo = configureSilo,
            TimeProvider = timeProvider ?? TimeProvider.System,
        };
        options.GrainAssemblies.Add(typeof(TestProbe).Assembly);
        return TestCluster.StartAsync(options, CancellationToken.None);
    }

    /// <summary>Waits until the silos own disjoint partition sets that cover every partition with an even share.</summary>
    public static Task WaitUntilBalancedAsync(TestCluster cluster, TimeSpan? timeout = null) =>
        Polling.WaitUntilAsync(() => IsBalanced(cluster), timeout ?? Timeout, "the cluster balances its partitions");

    public static bool IsBalanced(TestCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var silos = cluster.Silos;
        var owned = silos.Select(s => s.OwnedPartitions).ToList();
        var all = owned.SelectMany(p => p).ToList();
        var count = cluster.Substrate.PartitionCount;
        return all.Count == count
            && all.Distinct().Count() == count
            && owned.All(p => p.Count == count / silos.Count || p.Count == (count / silos.Count) + 1);
    }

    /// <summary>The silo whose partitions include <paramref name="partition"/>, if any.</summary>
    public static Silo? OwnerOf(TestCluster cluster, int partition)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return cluster.Silos.SingleOrDefault(s => s.OwnedPartitions.Contains(partition));
    }
}
