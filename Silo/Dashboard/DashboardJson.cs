using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crawler.Silo.Dashboard;

/// <summary>How the dashboard writes (and a silo reads its peers') JSON: web defaults with enums as camelCase names, as the gateway.</summary>
internal static class DashboardJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
