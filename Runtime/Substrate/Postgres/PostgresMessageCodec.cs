using System.Text;
using System.Text.Json;
using Crawler.Runtime.Messaging;
using Crawler.Runtime.Placement;

namespace Crawler.Runtime.Substrate.Postgres;

/// <summary>
/// Turns messages and stream records into JSON text and back. Arguments are written by the method's parameter
/// types (a trailing <see cref="CancellationToken"/> is not stored) and the method is found again by its id among
/// the registered grain interfaces. A stream record is stored with its type's name, and only types of the grain
/// assemblies, the runtime and a few primitives are ever instantiated from stored names.
/// </summary>
internal sealed class PostgresMessageCodec(GrainTypeRegistry registry)
{
    public static string SerializeArguments(Envelope envelope) => Encoding.UTF8.GetString(envelope.EncodeArguments());

    public GrainMethod ResolveMethod(string methodId) =>
        registry.TryGetMethod(methodId, out var method)
            ? method
            : throw new InvalidOperationException($"A stored message calls '{methodId}', which no registered grain interface has; register its grain assembly with the silo.");

    public static object?[] DeserializeArguments(GrainMethod method, string json)
    {
        using var document = JsonDocument.Parse(json);
        return GrainArgumentsJson.Read(method, document.RootElement);
    }

    /// <summary>
    /// The stored name of a record's type: as found when its grain appended it, else now; throws for a type that could
    /// not be read back.
    /// </summary>
    public string RecordTypeName(StreamAppend append) => append.TypeName ?? StreamRecordTypes.RequireAllowed(append.Record.GetType(), registry);

    /// <summary>The record as JSON: as its grain serialized it when appending, else now.</summary>
    public static string SerializeRecord(StreamAppend append) => append.Json ?? JsonSerializer.Serialize(append.Record, append.Record.GetType(), RuntimeJson.Options);

    public object DeserializeRecord(string typeName, string json) =>
        JsonSerializer.Deserialize(json, ResolveRecordType(typeName), RuntimeJson.Options)
            ?? throw new InvalidOperationException($"A stored stream record of type {typeName} is null.");

    private Type ResolveRecordType(string typeName)
    {
        if (StreamRecordTypes.TryGetPrimitive(typeName, out var primitive))
        {
            return primitive;
        }

        var separator = typeName.LastIndexOf(", ", StringComparison.Ordinal);
        if (separator > 0 && typeName.IndexOf('[', StringComparison.Ordinal) < 0)
        {
            var assemblyName = typeName[(separator + 2)..];
            var fullName = typeName[..separator];
            var assembly = StreamRecordTypes.Assemblies(registry).FirstOrDefault(a => a.GetName().Name == assemblyName);
            if (assembly?.GetType(fullName, throwOnError: false, ignoreCase: false) is { } type && StreamRecordTypes.IsAllowed(type, registry))
            {
                return type;
            }
        }

        throw new InvalidOperationException($"A stored stream record names type '{typeName}', which is not one of the grain assemblies' or the runtime's.");
    }
}
