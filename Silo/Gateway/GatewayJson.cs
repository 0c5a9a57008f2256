using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crawler.Silo.Gateway;

/// <summary>
/// How the gateway writes and reads JSON: web defaults (camelCase) with enums as camelCase names, so a status
/// reads <c>"state":"running"</c> and a spec may say <c>"scope":"domain"</c>. The CLI's client uses the same.
/// </summary>
internal static class GatewayJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }
}
