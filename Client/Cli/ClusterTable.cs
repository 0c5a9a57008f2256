using System.Globalization;
using Crawler.Client.Gateway;
using Crawler.Runtime.Substrate;
using Spectre.Console;

namespace Crawler.Client.Cli;

/// <summary>The table `crawler cluster` prints: one row per silo, the one that answered marked.</summary>
internal static class ClusterTable
{
    public static Table Build(ClusterView cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var live = cluster.Silos.Count(s => s.Status == SiloStatus.Active);
        var table = new Table().Border(TableBorder.Rounded).Title(
            $"cluster: {live} active silo{(live == 1 ? "" : "s")}, {cluster.PartitionCount} partitions, {cluster.UnownedPartitions} unowned");
        table.AddColumn("silo");
        table.AddColumn("address");
        table.AddColumn("status");
        table.AddColumn(new TableColumn("heartbeat").RightAligned());
        table.AddColumn(new TableColumn("partitions").RightAligned());
        table.AddColumn(new TableColumn("activations").RightAligned());
        foreach (var silo in cluster.Silos.OrderBy(s => s.Status).ThenBy(s => s.SiloId, StringComparer.Ordinal))
        {
            var name = silo.SiloId == cluster.SiloId ? $"{silo.SiloId} (this gateway)" : silo.SiloId;
            var age = cluster.Now - silo.Heartbeat;
            table.AddRow(
                Markup.Escape(name),
                Markup.Escape(silo.Address.Length == 0 ? "-" : silo.Address),
                silo.Status.ToString(),
                string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, age.TotalSeconds):N1} s ago"),
                $"{silo.Partitions:N0}",
                $"{silo.Activations:N0}");
        }

        return table;
    }
}
