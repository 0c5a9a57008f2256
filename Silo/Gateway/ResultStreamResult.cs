using System.Buffers;
using System.Text.Json;
using Crawler.Grains.Interfaces;

namespace Crawler.Silo.Gateway;

/// <summary>
/// Writes a job's results as NDJSON (one JSON object per line). Lines are sent whenever the source would wait, so
/// a follower sees each result as soon as it is read, without a flush per line on a fast read. A stream that cannot
/// finish (the source failed, or the silo is stopping) is aborted rather than ended, so the client can tell a broken
/// stream from a complete one.
/// </summary>
internal sealed partial class ResultStreamResult(
    Func<CancellationToken, IAsyncEnumerable<CrawlResult>> results,
    JsonSerializerOptions json,
    ILogger logger) : IResult
{
    public const string ContentType = "application/x-ndjson";
    private const int FlushThreshold = 64 * 1024;
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        var aborted = httpContext.RequestAborted;
        var stopping = httpContext.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";

        var body = response.BodyWriter;
        await using var writer = new Utf8JsonWriter(body);
        var enumerator = results(cancel.Token).GetAsyncEnumerator(cancel.Token);
        try
        {
            await response.StartAsync(cancel.Token);
            long unflushed = 0;
            while (true)
            {
                var next = enumerator.MoveNextAsync();
                if (!next.IsCompleted && unflushed > 0)
                {
                    await body.FlushAsync(cancel.Token);
                    unflushed = 0;
                }

                if (!await next)
                {
                    break;
                }

                JsonSerializer.Serialize(writer, enumerator.Current, json);
                writer.Flush();
                unflushed += writer.BytesCommitted + NewLine.Length;
                writer.Reset();
                body.Write(NewLine);
                if (unflushed >= FlushThreshold)
                {
                    await body.FlushAsync(cancel.Token);
                    unflushed = 0;
                }
            }

            await body.FlushAsync(cancel.Token);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            httpContext.Abort();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.StreamFailed(logger, ex);
            httpContext.Abort();
        }
        finally
        {
            await enumerator.DisposeAsync();
        }
    }
}
