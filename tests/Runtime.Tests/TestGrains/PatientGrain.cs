namespace Crawler.Runtime.Tests.TestGrains;

public sealed class PatientGrain(TestProbe probe) : Grain, IPatientGrain
{
    public async Task Wait(int id, CancellationToken cancellationToken = default)
    {
        var key = GetPrimaryKeyString();
        var started = probe.Increment($"patient-started:{key}");
        probe.Signal($"patient-started:{key}:{started}").TrySetResult();
        await probe.Signal("patient-open").Task.WaitAsync(cancellationToken);
        probe.Record("patient-done", id);
    }

    public async Task<int> Ask(CancellationToken cancellationToken = default)
    {
        var key = GetPrimaryKeyString();
        var started = probe.Increment($"patient-asked:{key}");
        probe.Signal($"patient-asked:{key}:{started}").TrySetResult();
        await probe.Signal("patient-open").Task.WaitAsync(cancellationToken);
        return started;
    }
}
