using Crawler.Runtime.Tests.Infrastructure;
using Crawler.Runtime.Tests.TestGrains;

namespace Crawler.Runtime.Tests.Abstractions;

public sealed class AppendToStreamTests
{
    [Fact]
    public async Task AppendToStream_RecordThatCannotBeStored_FailsItsTurnAndLaterAppendsCommit()
    {
        var cluster = await TestClusters.StartAsync(new TestProbe(), silos: 1);
        try
        {
            var grain = cluster.GrainFactory.GetGrain<IOutboxGrain>("appender");

            // A generic type no substrate may name, and a number JSON cannot write: both fail where they are appended.
            await Assert.ThrowsAsync<NotSupportedException>(() => grain.Append("list", 1)).WaitAsync(TestClusters.Timeout);
            await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.Append("nan", 2)).WaitAsync(TestClusters.Timeout);
            await grain.Append("report", 3).WaitAsync(TestClusters.Timeout);

            var records = await cluster.Substrate.ReadStreamAsync(OutboxGrain.Stream, 0, int.MaxValue, CancellationToken.None);
            Assert.Equal([3], records.Cast<WorkReport>().Select(r => r.Id));
        }
        finally
        {
            // A commit stalled on a bad record would keep the silo from stopping: fail instead of hanging the run.
            await cluster.DisposeAsync().AsTask().WaitAsync(TestClusters.Timeout);
        }
    }
}
