using System.Buffers;
using System.Text.Json;

namespace Crawler.Runtime.Messaging;

/// <summary>
/// A grain call's arguments as a JSON array, written by the method's parameter types with <see cref="RuntimeJson"/>:
/// the one codec of durable messages and of request calls between silos. A trailing <see cref="CancellationToken"/>
/// is never written; it reads back as <see cref="CancellationToken.None"/>.
/// </summary>
internal static class GrainArgumentsJson
{
    /// <summary>Boxed once: every call read back would otherwise box its own.</summary>
    private static readonly object NoCancellation = CancellationToken.None;

    /// <summary>A thread's encode buffer grown past this (by a large message) is not kept.</summary>
    private const int MaxKeptEncodeBuffer = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _encodeBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _encodeWriter;

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

    /// <summary>The arguments as UTF-8 JSON text, as <see cref="Write"/> writes them.</summary>
    public static byte[] Encode(GrainMethod method, IReadOnlyList<object?> arguments)
    {
        // Every durable message is encoded: the buffer and writer are kept per thread, so only the result is allocated
        // (a new writer asks its buffer for 4 KB at once).
        var buffer = _encodeBuffer ??= new ArrayBufferWriter<byte>(1024);
        var writer = _encodeWriter ??= new Utf8JsonWriter(buffer);
        try
        {
            Write(writer, method, arguments);
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            writer.Reset(buffer);
            buffer.ResetWrittenCount();
            if (buffer.Capacity > MaxKeptEncodeBuffer)
            {
                _encodeBuffer = null;
                _encodeWriter = null;
            }
        }
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
                arguments[i] = NoCancellation;
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

    /// <summary>Reads the arguments from UTF-8 JSON text, as <see cref="Read(GrainMethod, JsonElement)"/> does from a parsed array.</summary>
    public static object?[] Read(GrainMethod method, ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"The arguments of {method.Id} must be a JSON array.");
        }

        var arguments = new object?[method.ParameterTypes.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            if (i == method.CancellationTokenIndex)
            {
                arguments[i] = NoCancellation;
                continue;
            }

            if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
            {
                throw new JsonException($"A call to {method.Id} has fewer arguments than the method takes.");
            }

            arguments[i] = JsonSerializer.Deserialize(ref reader, method.ParameterTypes[i], RuntimeJson.Options);
        }

        return arguments;
    }
}
