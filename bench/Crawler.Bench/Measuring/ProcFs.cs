using System.Globalization;

namespace Crawler.Bench.Measuring;

/// <summary>
/// Reads a live process's CPU and memory from Linux's /proc, for processes that are measured while they run (silos,
/// a crawl stopped at its peak) rather than at their exit as <see cref="TimedProcess"/> does.
/// </summary>
public static class ProcFs
{
    // /proc/[pid]/stat counts CPU in clock ticks of USER_HZ, which Linux fixes at 100 on every architecture .NET runs on.
    private const double TicksPerSecond = 100;

    /// <exception cref="InvalidOperationException">The process is gone.</exception>
    public static ProcessSample Read(int processId)
    {
        try
        {
            return new ProcessSample(Cpu(File.ReadAllText($"/proc/{processId}/stat")), StatusKib(processId, "VmRSS:") * 1024, StatusKib(processId, "VmHWM:") * 1024);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidOperationException($"process {processId} is gone", ex);
        }
    }

    /// <summary>utime and stime, the 14th and 15th fields; counted after the command name, which may hold spaces.</summary>
    private static TimeSpan Cpu(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static long StatusKib(int processId, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{processId}/status has no {field}");
    }
}
