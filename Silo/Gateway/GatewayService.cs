using System.Text.Json;
using Crawler.Grains.Interfaces;
using Crawler.Grains.Jobs;
using Crawler.Runtime;
using Crawler.Runtime.Hosting;
using Crawler.Runtime.Substrate;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Crawler.Silo.Gateway;

/// <summary>
/// What the gateway's endpoints do: submit, status, results, cancel through <see cref="CrawlJobClient"/>, and the
/// cluster view from the substrate. Validation of a job is the job grain's own (an <see cref="ArgumentException"/>
/// becomes 400 with its message), so the CLI, the gateway and the grain never disagree.
/// </summary>
internal sealed partial class GatewayService(
    CrawlJobClient jobs,
    ISubstrate substrate,
    SiloOptions silo,
    TimeProvider time,
    IOptions<GatewayOptions> options,
    IOptions<HttpJsonOptions> json,
    ILogger<GatewayService> logger)
{
    private const int MaxIdShown = 80;

    public async Task<IResult> SubmitAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.Value.MaxSubmitBytes;
        }

        SubmitJobRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<SubmitJobRequest>(context.Request.Body, json.Value.SerializerOptions, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, $"The body is not a valid job submission: {ex.Message}");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"A job submission is at most {options.Value.MaxSubmitBytes:N0} bytes.");
        }

        if (request?.Spec is not { } spec)
        {
            return Problem(StatusCodes.Status400BadRequest, "The body needs a \"spec\" with at least \"seeds\": {\"spec\":{\"seeds\":[\"https://example.org/\"]}}.");
        }

        var jobId = request.JobId ?? JobId.New();
        if (JobId.IsValid(jobId) && await jobs.GetStatusAsync(jobId, cancellationToken) is { State: not JobState.Unknown } existing)
        {
            return Problem(StatusCodes.Status409Conflict, $"Job '{jobId}' already exists ({existing.State}); choose another id or leave it out.");
        }

        JobStatus status;
        try
        {
            status = await jobs.StartAsync(jobId, spec, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            return Rejected(jobId, ex.Message);
        }
        catch (RemoteGrainException ex) when (IsArgumentError(ex.RemoteType))
        {
            // The job grain ran on another silo process: its ArgumentException came back by name.
            return Rejected(jobId, ex.RemoteMessage ?? ex.Message);
        }

        Log.Submitted(logger, jobId, spec.Seeds.Count);
        return TypedResults.Accepted($"/api/jobs/{Uri.EscapeDataString(jobId)}", status);
    }

    public async Task<IResult> GetStatusAsync(string jobId, CancellationToken cancellationToken)
    {
        var (status, problem) = await LookUpAsync(jobId, cancellationToken);
        return problem ?? TypedResults.Ok(status);
    }

    public Task<IResult> CancelAsync(string jobId, CancellationToken cancellationToken) =>
        ChangeAsync(jobId, "cancel", jobs.CancelAsync, cancellationToken);

    public Task<IResult> PauseAsync(string jobId, CancellationToken cancellationToken) =>
        ChangeAsync(jobId, "pause", jobs.PauseAsync, cancellationToken);

    public Task<IResult> ResumeAsync(string jobId, CancellationToken cancellationToken) =>
        ChangeAsync(jobId, "resume", jobs.ResumeAsync, cancellationToken);

    /// <summary>Cancels, pauses or resumes a known job; a job in a state the change does not apply to is returned as it is.</summary>
    private async Task<IResult> ChangeAsync(string jobId, string change, Func<string, CancellationToken, Task<JobStatus>> apply, CancellationToken cancellationToken)
    {
        if ((await LookUpAsync(jobId, cancellationToken)).Problem is { } problem)
        {
            return problem;
        }

        var status = await apply(jobId, cancellationToken);
        Log.Changed(logger, jobId, change, status.State);
        return TypedResults.Ok(status);
    }

    /// <summary>
    /// The job's results as NDJSON from <paramref name="offset"/> (default 0). With <paramref name="follow"/> the
    /// response stays open and streams new results until the job ends.
    /// </summary>
    public async Task<IResult> GetResultsAsync(string jobId, string? offset, string? follow, CancellationToken cancellationToken)
    {
        long from = 0;
        if (offset is not null && (!long.TryParse(offset, out from) || from < 0))
        {
            return Problem(StatusCodes.Status400BadRequest, $"offset must be a whole number of results, 0 or more, not '{Shown(offset)}'.");
        }

        var following = false;
        if (follow is not null && !(follow.Length == 0 || bool.TryParse(follow, out following)))
        {
            return Problem(StatusCodes.Status400BadRequest, $"follow must be true or false, not '{Shown(follow)}'.");
        }

        following |= follow is { Length: 0 };
        if ((await LookUpAsync(jobId, cancellationToken)).Problem is { } problem)
        {
            return problem;
        }

        return new ResultStreamResult(
            token => jobs.StreamResultsAsync(jobId, from, following, options.Value.ResultsPollInterval, token),
            json.Value.SerializerOptions,
            logger);
    }

    public async Task<IResult> GetClusterAsync(CancellationToken cancellationToken)
    {
        var silos = await substrate.ListSilosAsync(cancellationToken);
        var leases = await substrate.ListLeasesAsync(cancellationToken);
        var now = time.GetUtcNow();
        var partitions = leases
            .Select(l => new PartitionInfo(l.Partition, l.IsFree(now) ? null : l.Owner, l.Epoch, l.ExpiresAt))
            .ToList();
        var held = partitions.Where(p => p.Owner is not null).CountBy(p => p.Owner!).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return TypedResults.Ok(new ClusterInfo(
            silo.SiloId,
            now,
            substrate.PartitionCount,
            substrate.PartitionCount - held.Values.Sum(),
            [.. silos.Select(s => new SiloInfo(s.SiloId, s.Address, s.Status, s.StartedAt, s.Heartbeat, s.Activations, held.GetValueOrDefault(s.SiloId)))],
            partitions));
    }

    /// <summary>Whether a grain's exception, known by its type's full name, was an <see cref="ArgumentException"/>: bad input, not a fault.</summary>
    internal static bool IsArgumentError(string? typeName) =>
        typeName is not null
        && AppDomain.CurrentDomain.GetAssemblies()
            .Select(assembly => assembly.GetType(typeName, throwOnError: false))
            .Any(type => type is not null && typeof(ArgumentException).IsAssignableFrom(type));

    private ProblemHttpResult Rejected(string jobId, string reason)
    {
        var shown = Shown(jobId);
        Log.Rejected(logger, shown, reason);
        return Problem(StatusCodes.Status400BadRequest, reason);
    }

    /// <summary>The job's status, or the 400 (not a job id at all) or 404 (no such job) to answer instead.</summary>
    private async Task<(JobStatus? Status, IResult? Problem)> LookUpAsync(string jobId, CancellationToken cancellationToken)
    {
        if (!JobId.IsValid(jobId))
        {
            return (null, Problem(StatusCodes.Status400BadRequest, $"'{Shown(jobId)}' is not a job id (1-64 letters, digits, '.', '_' or '-')."));
        }

        var status = await jobs.GetStatusAsync(jobId, cancellationToken);
        return status.State == JobState.Unknown
            ? (null, Problem(StatusCodes.Status404NotFound, $"No job '{jobId}' on this cluster."))
            : (status, null);
    }

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail, statusCode: status);

    private static string Shown(string value) => value.Length <= MaxIdShown ? value : value[..MaxIdShown] + "...";
}
