using System.CommandLine;
using Crawler.Client.Gateway;

namespace Crawler.Client.Cli;

/// <summary>
/// How the cluster commands find a gateway: <c>--gateway</c>, else <c>CRAWLER_GATEWAY</c>, else
/// <see cref="DefaultGateway"/>; and its key: <c>--api-key</c>, else <c>CRAWLER_API_KEY</c> (the safer place: a
/// command line shows in process lists).
/// </summary>
internal sealed class GatewayOptionSet(Func<string, string?>? environment = null)
{
    public const string GatewayVariable = "CRAWLER_GATEWAY";
    public const string ApiKeyVariable = "CRAWLER_API_KEY";
    public const string DefaultGateway = "http://127.0.0.1:8080";
    private readonly Func<string, string?> _environment = environment ?? Environment.GetEnvironmentVariable;

    public Option<string?> Gateway { get; } = new("--gateway", "-g")
    {
        Description = $"A silo's gateway URL (default: ${GatewayVariable}, then {DefaultGateway}).",
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = $"The gateway's API key (default: ${ApiKeyVariable}, which keeps it out of process lists).",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Gateway);
        command.Options.Add(ApiKey);
    }

    /// <summary>The gateway's URL, checked: an absolute http or https URL, or a <see cref="CliException"/>.</summary>
    public Uri GatewayUri(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var value = parse.GetValue(Gateway) ?? NonEmpty(_environment(GatewayVariable)) ?? DefaultGateway;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException($"--gateway '{value}' is not an http or https URL");
        }

        return uri;
    }

    public string? ApiKeyValue(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return NonEmpty(parse.GetValue(ApiKey)) ?? NonEmpty(_environment(ApiKeyVariable));
    }

    public GatewayClient CreateClient(ParseResult parse) => new(GatewayUri(parse), ApiKeyValue(parse));

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
