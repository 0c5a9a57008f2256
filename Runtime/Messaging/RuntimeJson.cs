using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crawler.Runtime;

/// <summary>The one JSON setup for everything the runtime persists.</summary>
public static class RuntimeJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
