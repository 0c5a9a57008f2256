using Crawler.Silo.Gateway;
using Microsoft.Extensions.Options;

namespace Crawler.Silo.Dashboard;

/// <summary>
/// Refuses a dashboard that cannot be safe or cannot work: reachable from other machines with neither the gateway's
/// API key nor basic-auth credentials to guard it, half a credential, or a path base that is not a path.
/// </summary>
internal sealed class DashboardOptionsValidator(GatewayBinding binding, IOptions<GatewayOptions> gateway) : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrEmpty(options.Username) != string.IsNullOrEmpty(options.Password))
        {
            failures.Add("Dashboard:Username and Dashboard:Password go together: set both or neither.");
        }

        if (options.Enabled && !binding.IsLoopbackOnly && !options.HasBasicAuth && !HasApiKey())
        {
            failures.Add(
                $"The dashboard would be open on {string.Join(", ", binding.PublicUrls)}: set Gateway:ApiKey or "
                + "Dashboard:Username and Dashboard:Password, or bind to 127.0.0.1 only.");
        }

        if (options.PathBase is { Length: > 0 } pathBase && (!pathBase.StartsWith('/') || pathBase.EndsWith('/') || pathBase.Contains("//", StringComparison.Ordinal)))
        {
            failures.Add($"Dashboard:PathBase must look like /prefix (a leading slash, none at the end), not '{pathBase}'.");
        }

        if (options.PeerTimeout <= TimeSpan.Zero || options.MaxHosts < 1 || options.MaxJobs < 1)
        {
            failures.Add("Dashboard:PeerTimeout, Dashboard:MaxHosts and Dashboard:MaxJobs must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private bool HasApiKey()
    {
        try
        {
            return gateway.Value.RequiresApiKey;
        }
        catch (OptionsValidationException)
        {
            // The gateway's own validation reports what is wrong with its key.
            return false;
        }
    }
}
