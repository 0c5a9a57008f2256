namespace Crawler.Bench.Measuring;

/// <summary>What GNU time reports of one process: wall time, CPU in user and kernel mode, peak resident memory.</summary>
public sealed record ProcessMeasurement(int ExitCode, TimeSpan Elapsed, TimeSpan UserCpu, TimeSpan SystemCpu, long PeakRssBytes)
{
    public TimeSpan Cpu => UserCpu + SystemCpu;
}
