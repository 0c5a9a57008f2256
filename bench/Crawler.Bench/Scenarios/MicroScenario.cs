using System.Diagnostics;
using System.Text.Json;
using Crawler.Bench.Report;

namespace Crawler.Bench.Scenarios;

/// <summary>
/// Runs the BenchmarkDotNet project (in process, short job) and turns its JSON report into rows: ns per URL
/// normalized, and MB/s of HTML per core for the crawler's link extractor and for AngleSharp's full parse.
/// </summary>
public static class MicroScenario
{
    public static async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context, string microDll, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var artifacts = Path.Combine(context.WorkDirectory, "micro");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[microDll, "--filter", "*", "--inProcess", "--job", "short", "--exporters", "json", "--artifacts", artifacts])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the micro-benchmarks");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var console = await output + await error;
        await File.WriteAllTextAsync(Path.Combine(context.WorkDirectory, "micro.log"), console, cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the micro-benchmarks exited with {process.ExitCode}; see {context.WorkDirectory}/micro.log");
        }

        var pageBytes = PageBytes(console);
        var means = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var report in Directory.EnumerateFiles(Path.Combine(artifacts, "results"), "*-report-full*.json"))
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(report, cancellationToken));
            foreach (var benchmark in document.RootElement.GetProperty("Benchmarks").EnumerateArray())
            {
                // A benchmark that threw has no statistics; it is missing below and fails the suite.
                if (benchmark.GetProperty("Statistics") is { ValueKind: JsonValueKind.Object } statistics)
                {
                    means[benchmark.GetProperty("Method").GetString()!] = statistics.GetProperty("Mean").GetDouble();
                }
            }
        }

        double MegabytesPerSecond(string method) => pageBytes / (Mean(means, method) / 1e9) / 1e6;
        return
        [
            new BenchRow("URL normalization", "ns/URL", [Mean(means, "Normalize")], null, LowerIsBetter: true, "BenchmarkDotNet short job, in process"),
            new BenchRow("link extraction (crawler)", "MB/s/core", [MegabytesPerSecond("Extract")], 150, LowerIsBetter: false, $"a {pageBytes / 1024.0:N1} KB page"),
            new BenchRow("link extraction (AngleSharp full parse, reference)", "MB/s/core", [MegabytesPerSecond("FullParse")], null, LowerIsBetter: false),
        ];
    }

    private static double Mean(Dictionary<string, double> means, string method) =>
        means.TryGetValue(method, out var mean) ? mean : throw new InvalidOperationException($"the micro-benchmark report has no '{method}'");

    private static int PageBytes(string console)
    {
        const string Marker = "// page bytes: ";
        var line = console.Split('\n').FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException("the micro-benchmarks did not print the page size");
        return int.Parse(line[Marker.Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
