using System.Text.Json;

namespace Crawler.Runtime.Messaging;

/// <summary>
/// A grain call's arguments as a JSON array, written by the method's parameter types with <see cref="RuntimeJson"/>:
/// the one codec of durable messages and of request calls between silos. A trailing <see cref="CancellationToken"/>
/// is never written; it reads back as <see cref="CancellationToken.None"/>.
/// </summary>
internal static class GrainArgumentsJson
{
    public static void Write(Utf8JsonWriter writer, GrainMethod method, IReadOnlyList<object?> arguments)
    {
        if (arguments.Count != method.ParameterTypes.Count)
        {
            throw new ArgumentException($"{method.Id} takes {method.ParameterTypes.Count} arguments, not {arguments.Count}.", nameof(arguments));
        }

        writer.WriteStartArray();
        for (var i = 0; i < method.ParameterTypes.Count; i++)
        {
            if (i != method.CancellationTokenIndex)
            {
                JsonSerializer.Serialize(writer, arguments[i], method.ParameterTypes[i], RuntimeJson.Options);
            }
        }

        writer.WriteEndArray();
    }

    public static object?[] Read(GrainMethod method, JsonElement array)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException($"The arguments of {method.Id} must be a JSON array.");
        }

        var arguments = new object?[method.ParameterTypes.Count];
        using var elements = array.EnumerateArray();
        for (var i = 0; i < arguments.Length; i++)
        {
            if (i == method.CancellationTokenIndex)
            {
                arguments[i] = CancellationToken.None;
                continue;
            }

            if (!elements.MoveNext())
            {
                throw new JsonException($"A call to {method.Id} has fewer arguments than the method takes.");
            }

            arguments[i] = elements.Current.Deserialize(method.ParameterTypes[i], RuntimeJson.Options);
        }

        return arguments;
    }
}
