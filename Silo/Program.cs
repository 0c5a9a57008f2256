using Crawler.Silo.Hosting;
using Microsoft.Extensions.Options;

// Settings come from appsettings.json beside the executable, then the environment (Silo__LeaseDuration=...)
// and the command line (--Silo:SiloId=a, --postgres "Host=...", --urls http://...), the usual ASP.NET Core order.
// SiloApp builds everything; this file only runs it.
try
{
    await using var app = SiloApp.Build(args);
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    // A setting that cannot work (e.g. a public binding without an API key): one clear line, nothing started.
    await Console.Error.WriteLineAsync($"silo: {ex.Message}");
    return 2;
}
