using System.Diagnostics;
using System.Globalization;

namespace Crawler.Bench.Measuring;

/// <summary>
/// Runs a command under GNU time (/usr/bin/time, Debian's `time` package), so the numbers are that process's
/// alone: its user and system CPU and its peak RSS, not the harness's nor the web server's.
/// </summary>
public static class TimedProcess
{
    public const string TimeExecutable = "/usr/bin/time";

    public static async Task<ProcessMeasurement> RunAsync(string fileName, IReadOnlyList<string> arguments, string logPath, CancellationToken cancellationToken)
    {
        var report = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo(TimeExecutable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in (string[])["-f", "%e %U %S %M", "-o", report, fileName, .. arguments])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
            await using var log = File.CreateText(logPath);
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            await log.WriteAsync(await output);
            await log.WriteAsync(await error);
            return Parse(process.ExitCode, await File.ReadAllTextAsync(report, cancellationToken));
        }
        finally
        {
            File.Delete(report);
        }
    }

    /// <summary>Reads "%e %U %S %M": elapsed s, user s, system s, max RSS KiB (the last line; earlier ones may be a signal note).</summary>
    public static ProcessMeasurement Parse(int exitCode, string report)
    {
        var line = report.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        var fields = line.Split(' ');
        if (fields.Length != 4)
        {
            throw new FormatException($"unexpected GNU time output: '{line}'");
        }

        static TimeSpan Seconds(string value) => TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
        return new ProcessMeasurement(exitCode, Seconds(fields[0]), Seconds(fields[1]), Seconds(fields[2]), long.Parse(fields[3], CultureInfo.InvariantCulture) * 1024);
    }
}
