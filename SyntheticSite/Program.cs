using System.Globalization;
using System.Runtime.InteropServices;
using Crawler.SyntheticSite;

// Usage: --pages N --hosts H --latency-ms X --page-bytes B --seed S --reachable FILE (each optional).
// With --reachable, every URL a crawl of all hosts from the root records is written to FILE before the root is printed,
// so a harness in another process can check a crawl's results exactly.
var options = new SiteOptions();
string? reachablePath = null;
for (var i = 0; i < args.Length; i++)
{
    var name = args[i];
    if (name == "--reachable" && i + 1 < args.Length)
    {
        reachablePath = args[++i];
        continue;
    }

    if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
    {
        return Fail($"{name} needs an integer value");
    }

    i++;
    switch (name)
    {
        case "--pages":
            options = options with { Pages = value };
            break;
        case "--hosts":
            options = options with { Hosts = value };
            break;
        case "--latency-ms":
            options = options with { Latency = TimeSpan.FromMilliseconds(value) };
            break;
        case "--page-bytes":
            options = options with { PageBytes = value };
            break;
        case "--seed":
            options = options with { Seed = value };
            break;
        default:
            return Fail($"unknown option {name} (expected --pages, --hosts, --latency-ms, --page-bytes, --seed, --reachable)");
    }
}

try
{
    options.Validate();
}
catch (ArgumentOutOfRangeException error)
{
    return Fail(error.Message.ReplaceLineEndings(" "));
}

using var stop = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
await using var site = await SyntheticWebSite.StartAsync(options, stop.Token);
if (reachablePath is not null)
{
    await File.WriteAllLinesAsync(reachablePath, site.Reachable(SiteScope.AllHosts).Order(StringComparer.Ordinal), stop.Token);
}

Console.WriteLine(site.Root);
await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
return 0;

void OnSignal(PosixSignalContext context)
{
    // The site is stopped by disposal below the wait, not by the runtime's default termination.
    context.Cancel = true;
    stop.Cancel();
}

static int Fail(string message)
{
    Console.Error.WriteLine($"error: {message}");
    return 2;
}
