using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crawler.Client.Gateway;

/// <summary>The gateway's JSON: web defaults (camelCase) with enums as camelCase names, as the silo writes it.</summary>
internal static class GatewayJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
