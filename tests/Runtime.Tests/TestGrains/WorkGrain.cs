namespace Crawler.Runtime.Tests.TestGrains;

public sealed class WorkGrain(TestProbe probe) : Grain, IWorkGrain
{
    public const string Stream = "work-processed";

    public async Task Process(int id, bool gated)
    {
        if (gated)
        {
            probe.Record("gated-started", new WorkReport(id, SiloId));
            await probe.Signal("open").Task;
        }

        probe.Record("ran", new WorkReport(id, SiloId));
        AppendToStream(Stream, new WorkReport(id, SiloId));
    }
}
