namespace Crawler.Runtime.Tests.TestGrains;

public interface IPatientGrain : IGrainWithStringKey
{
    /// <summary>
    /// Durable one-way: counts "patient-started:{key}", signals "patient-started:{key}:{n}", waits for signal
    /// "patient-open" (giving up when the activation's token fires), then records <paramref name="id"/> under "patient-done".
    /// </summary>
    [OneWay]
    Task Wait(int id, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="Wait"/>, as a request: returns how many turns of it have started on this key.</summary>
    Task<int> Ask(CancellationToken cancellationToken = default);
}
