using Microsoft.Extensions.Options;

namespace Crawler.Silo.Gateway;

/// <summary>
/// Refuses to start a gateway that cannot be safe or cannot work: above all, one reachable from other machines
/// without an API key.
/// </summary>
internal sealed class GatewayOptionsValidator(GatewayBinding binding) : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ApiKey is { } key && string.IsNullOrWhiteSpace(key))
        {
            failures.Add("Gateway:ApiKey is blank; set a real key or remove the setting.");
        }

        if (!binding.IsLoopbackOnly && !options.RequiresApiKey)
        {
            failures.Add(
                $"The silo listens on {string.Join(", ", binding.PublicUrls)}, which other machines can reach, and no API key "
                + "is configured. Set Gateway:ApiKey (environment Gateway__ApiKey) or bind to 127.0.0.1 only.");
        }

        if (options.ResultsPollInterval <= TimeSpan.Zero)
        {
            failures.Add("Gateway:ResultsPollInterval must be positive.");
        }

        if (options.MaxSubmitBytes <= 0)
        {
            failures.Add("Gateway:MaxSubmitBytes must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
