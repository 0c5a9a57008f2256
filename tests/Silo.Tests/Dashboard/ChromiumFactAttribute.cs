namespace Crawler.Silo.Tests.Dashboard;

/// <summary>
/// A browser test: it drives Debian's Chromium (<see cref="ExecutablePath"/>) through Playwright. Without that browser
/// it is skipped, unless CI=true: then it runs and fails, so CI cannot pass without the browser tests.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ExecutablePath) && !IsCi)
        {
            Skip = $"{ExecutablePath} is not installed (apt-get install chromium); CI=true makes this a failure.";
        }
    }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
