using System.Buffers;
using System.Net;
using System.Text.Json;
using Crawler.Runtime.Hosting;
using Crawler.Runtime.Messaging;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Crawler.Runtime.Transport;

/// <summary>
/// The silo side of <see cref="HttpSiloTransport"/>: checks the cluster key, finds the method and the partition,
/// runs the call on the partition's activation as an in-process call would, and answers with the result or a
/// typed error. A partition this silo does not hold, or whose lease it knows to have run out (the silo was
/// paused, say), is answered "moved" without running anything, so the caller asks the lease table again.
/// </summary>
internal sealed partial class SiloInvokeEndpoint(Silo silo, SiloTransportOptions options, ILogger<SiloInvokeEndpoint> logger)
{
    /// <summary>Activations listed in the status, those with the longest queues first.</summary>
    private const int BusiestShown = 20;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsAuthorized(context))
        {
            await WriteErrorAsync(context, SiloTransportProtocol.Unauthorized, "The cluster key is missing or wrong.");
            return;
        }

        if (!silo.IsServing)
        {
            await WriteErrorAsync(context, SiloTransportProtocol.SiloStopping, $"Silo {silo.SiloId} is not running.");
            return;
        }

        var runtime = silo.Runtime;
        (GrainId Grain, int Partition, GrainMethod Method, object?[] Arguments) call;
        try
        {
            call = await ReadCallAsync(context, runtime);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away while its call was being read.
            return;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException or ArgumentException or IOException)
        {
            await WriteErrorAsync(context, SiloTransportProtocol.BadRequest, ex.Message);
            return;
        }

        if (!runtime.TryGetPartition(call.Partition, out var agent) || agent.Lease.ExpiresAt <= runtime.TimeProvider.GetUtcNow())
        {
            await WriteErrorAsync(context, SiloTransportProtocol.PartitionMoved, $"Partition {call.Partition} is not held by silo {silo.SiloId}.");
            return;
        }

        object? result;
        try
        {
            result = await agent.InvokeAsync(call.Grain, call.Method, call.Arguments).WaitAsync(context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller gave up (its deadline): nobody is left to answer.
            return;
        }
        catch (PartitionMovedException ex)
        {
            await WriteErrorAsync(context, SiloTransportProtocol.PartitionMoved, ex.Message);
            return;
        }
        catch (SiloUnavailableException ex)
        {
            await WriteErrorAsync(context, SiloTransportProtocol.SiloStopping, ex.Message);
            return;
        }
        catch (Exception ex)
        {
            await WriteErrorAsync(context, SiloTransportProtocol.GrainError, ex.Message, ex.GetType().FullName);
            return;
        }

        ReadOnlyMemory<byte> body;
        try
        {
            body = WriteResult(call.Method, result);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            await WriteErrorAsync(context, SiloTransportProtocol.GrainError, $"The result of {call.Method.Id} cannot be sent: {ex.Message}", ex.GetType().FullName);
            return;
        }

        await WriteAsync(context, StatusCodes.Status200OK, body);
    }

    public async Task StatusAsync(HttpContext context)
    {
        if (!IsAuthorized(context))
        {
            await WriteErrorAsync(context, SiloTransportProtocol.Unauthorized, "The cluster key is missing or wrong.");
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("silo", silo.SiloId);
            writer.WriteString("status", silo.Status.ToString());
            writer.WriteString("address", silo.Address);
            writer.WriteStartArray("partitions");
            foreach (var partition in silo.OwnedPartitions)
            {
                writer.WriteNumberValue(partition);
            }

            writer.WriteEndArray();
            writer.WriteNumber("activations", silo.ActivationCount);
            writer.WriteNumber("commitsRefused", silo.Statistics.CommitsRefused);
            writer.WriteNumber("partitionsLost", silo.Statistics.PartitionsLost);
            writer.WriteStartObject("turns");
            foreach (var (method, count) in silo.Statistics.TurnsByMethod.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                writer.WriteNumber(method, count);
            }

            writer.WriteEndObject();
            WriteDiagnostics(writer);
            writer.WriteEndObject();
        }

        await WriteAsync(context, StatusCodes.Status200OK, buffer.WrittenMemory);
    }

    /// <summary>Where work waits: each partition's pump and messages out, the free window, the busiest activations.</summary>
    private void WriteDiagnostics(Utf8JsonWriter writer)
    {
        var runtime = silo.Runtime;
        writer.WriteNumber("windowFree", runtime.Window.CurrentCount);
        writer.WriteStartArray("pumps");
        foreach (var partition in runtime.Partitions.OrderBy(p => p.Number))
        {
            writer.WriteStringValue($"{partition.Number}@{partition.Epoch}{(partition.IsActive ? "" : " (inactive)")}: {partition.Outstanding} out, {partition.PumpStage}");
        }

        writer.WriteEndArray();
        writer.WriteStartArray("busiest");
        foreach (var activation in runtime.Catalog.Live.Where(a => a.QueueLength > 0 || a.IsBusy).OrderByDescending(a => a.QueueLength).Take(BusiestShown))
        {
            writer.WriteStringValue(activation.Describe());
        }

        writer.WriteEndArray();
    }

    private bool IsAuthorized(HttpContext context)
    {
        if (options.HasClusterKey)
        {
            return SiloTransportProtocol.KeyMatches(options.ClusterKey!, context.Request.Headers[SiloTransportProtocol.ClusterKeyHeader].ToString());
        }

        // Without a key only this machine may call; a silo that others can reach refuses to start without one.
        var remote = context.Connection.RemoteIpAddress;
        var allowed = remote is null || IPAddress.IsLoopback(remote);
        if (!allowed)
        {
            Log.RefusedWithoutKey(logger, remote!.ToString());
        }

        return allowed;
    }

    private static async Task<(GrainId Grain, int Partition, GrainMethod Method, object?[] Arguments)> ReadCallAsync(HttpContext context, SiloRuntime runtime)
    {
        if (context.Request.ContentType is not { } contentType || !contentType.StartsWith(SiloTransportProtocol.JsonMediaType, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"A call must be {SiloTransportProtocol.JsonMediaType}.");
        }

        using var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
        var root = document.RootElement;
        var grain = new GrainId(RequiredString(root, "type"), RequiredString(root, "key"));
        var methodId = RequiredString(root, "method");
        var partition = root.TryGetProperty("partition", out var p) && p.TryGetInt32(out var number)
            ? number
            : throw new JsonException("The call has no partition number.");
        if (!runtime.Registry.TryGetMethod(methodId, out var method))
        {
            throw new InvalidOperationException($"No grain interface registered with silo {runtime.SiloId} has method '{methodId}'.");
        }

        var type = runtime.Registry.ForName(grain.Type);
        if (!method.Method.DeclaringType!.IsAssignableFrom(type.GrainClass))
        {
            throw new InvalidOperationException($"Grain type '{grain.Type}' has no method {method.Id}.");
        }

        if (method.IsOneWay)
        {
            throw new InvalidOperationException($"{method.Id} is one-way: it goes through the substrate's mailboxes, not to a silo.");
        }

        var expected = runtime.Resolver.PartitionOf(grain);
        if (expected != partition)
        {
            throw new InvalidOperationException(
                $"{grain} is in partition {expected} here, not {partition}: caller and silo disagree on the partition count or the grain's affinity.");
        }

        var arguments = root.TryGetProperty("arguments", out var a) ? a : throw new JsonException("The call has no arguments array.");
        return (grain, partition, method, GrainArgumentsJson.Read(method, arguments));
    }

    private static string RequiredString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new JsonException($"The call has no '{name}'.");

    private static ReadOnlyMemory<byte> WriteResult(GrainMethod method, object? result)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("result");
            if (method.ResultType is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                JsonSerializer.Serialize(writer, result, method.ResultType, RuntimeJson.Options);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private Task WriteErrorAsync(HttpContext context, string kind, string message, string? type = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", kind);
            if (type is not null)
            {
                writer.WriteString("type", type);
            }

            writer.WriteString("message", message);
            writer.WriteString("silo", silo.SiloId);
            writer.WriteEndObject();
        }

        return WriteAsync(context, SiloTransportProtocol.StatusOf(kind), buffer.WrittenMemory);
    }

    private static async Task WriteAsync(HttpContext context, int status, ReadOnlyMemory<byte> body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = SiloTransportProtocol.JsonMediaType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
