using System.CommandLine;
using Crawler.Client.Crawling;
using Crawler.Grains.Interfaces;
using Spectre.Console;

namespace Crawler.Client.Cli;

/// <summary>
/// The commands that talk to a cluster through any silo's gateway: submit (optionally waiting as `crawl` does),
/// status, results, cancel, pause, resume and cluster.
/// </summary>
internal static class GatewayCommands
{
    public static IEnumerable<Command> Build(IAnsiConsole console, Func<GatewayOptionSet> gatewayOptions)
    {
        ArgumentNullException.ThrowIfNull(gatewayOptions);
        yield return BuildSubmit(console, gatewayOptions());
        yield return BuildStatus(console, gatewayOptions());
        yield return BuildResults(console, gatewayOptions());
        yield return BuildChange(
            console, gatewayOptions(), "cancel", "Cancel a job: URLs not yet started are skipped.", JobState.Cancelled, (client, job, token) => client.CancelAsync(job, token));
        yield return BuildChange(
            console, gatewayOptions(), "pause", "Pause a job: pages in flight finish, queued URLs wait until it is resumed.", JobState.Paused, (client, job, token) => client.PauseAsync(job, token));
        yield return BuildChange(
            console, gatewayOptions(), "resume", "Resume a paused job.", JobState.Running, (client, job, token) => client.ResumeAsync(job, token));
        yield return BuildCluster(console, gatewayOptions());
    }

    private static Command BuildSubmit(IAnsiConsole console, GatewayOptionSet gateway)
    {
        var urls = new Argument<string[]>("url") { Description = "Seed URLs (http or https).", Arity = ArgumentArity.OneOrMore };
        var wait = new Option<bool>("--wait", "-w") { Description = "Stay until the job ends: live progress, results to --output, a summary. Ctrl+C then cancels the job." };
        var options = new CrawlOptionSet();
        var command = new Command("submit", "Submit a crawl to a cluster through a silo's gateway.");
        command.Arguments.Add(urls);
        options.AddTo(command);

        // Fetches at once, the User-Agent and the log file belong to each silo's settings, not to a job: hidden, and
        // refused if given.
        options.Concurrency.Hidden = true;
        options.UserAgent.Hidden = true;
        options.LogFile.Hidden = true;
        command.Options.Add(wait);
        gateway.AddTo(command);
        command.SetAction(async (parse, token) =>
        {
            RefuseSiloSetting(parse, options.Concurrency, "Crawler:MaxConcurrentFetches");
            RefuseSiloSetting(parse, options.UserAgent, "Crawler:UserAgent");
            RefuseSiloSetting(parse, options.LogFile, "Serilog");
            var settings = options.ToSettings(parse, parse.GetValue(urls) ?? [], CrawlDefaults.Crawl);
            var waiting = parse.GetValue(wait);
            if (!waiting && settings.OutputPath is not null)
            {
                throw new CliException($"--output needs --wait (or later: crawler results {settings.JobId} --output FILE)");
            }

            using var client = gateway.CreateClient(parse);
            if (!waiting)
            {
                var status = await client.StartAsync(settings.JobId, settings.Spec, token);
                if (settings.Quiet)
                {
                    await console.Profile.Out.Writer.WriteLineAsync(status.JobId);
                }
                else
                {
                    console.MarkupLine($"submitted job [blue]{Markup.Escape(status.JobId)}[/] to {Markup.Escape(client.Gateway.ToString())} ({status.State})");
                    console.MarkupLine($"[grey]watch it with: crawler status {Markup.Escape(status.JobId)}; crawler results {Markup.Escape(status.JobId)} --follow[/]");
                }

                return CrawlerCli.ExitOk;
            }

            await using var writer = settings.OutputPath is null ? null : ResultWriter.Open(settings.OutputPath, settings.OutputFormat);
            if (!settings.Quiet)
            {
                console.MarkupLine($"job [blue]{Markup.Escape(settings.JobId)}[/] on {Markup.Escape(client.Gateway.ToString())}");
            }

            var outcome = await new CrawlRunner(console).RunAsync(client, settings, writer, token);
            console.Write(SummaryTable.Build(outcome, settings.OutputPath));
            return token.IsCancellationRequested ? CrawlerCli.ExitInterrupted : CrawlerCli.ExitOk;
        });
        return command;
    }

    private static Command BuildStatus(IAnsiConsole console, GatewayOptionSet gateway)
    {
        var job = JobArgument();
        var command = new Command("status", "Show a job's progress.");
        command.Arguments.Add(job);
        gateway.AddTo(command);
        command.SetAction(async (parse, token) =>
        {
            using var client = gateway.CreateClient(parse);
            var status = await client.GetStatusAsync(parse.GetValue(job)!, token);
            console.Write(SummaryTable.Build(new CrawlOutcome(status, Elapsed(status), []), null));
            return CrawlerCli.ExitOk;
        });
        return command;
    }

    private static Command BuildResults(IAnsiConsole console, GatewayOptionSet gateway)
    {
        var job = JobArgument();
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep reading new results until the job ends." };
        var offset = new Option<long>("--offset") { Description = "Skip this many results (resume where a previous read stopped).", DefaultValueFactory = _ => 0 };
        var output = new Option<string?>("--output", "-o") { Description = "Write the results to this file instead of standard output." };
        var format = new Option<string?>("--format") { Description = "jsonl (default) or csv; a .csv output file means csv." };
        var command = new Command("results", "Read a job's results as JSON Lines or CSV.");
        command.Arguments.Add(job);
        command.Options.Add(follow);
        command.Options.Add(offset);
        command.Options.Add(output);
        command.Options.Add(format);
        gateway.AddTo(command);
        command.SetAction(async (parse, token) =>
        {
            var jobId = parse.GetValue(job)!;
            var resultFormat = ResultFormats.Choose(parse.GetValue(format), parse.GetValue(output));
            var from = parse.GetValue(offset);
            if (from < 0)
            {
                throw new CliException("--offset must not be negative");
            }

            using var client = gateway.CreateClient(parse);

            // An unknown job fails here, before the output file is created.
            await client.GetStatusAsync(jobId, token);
            var path = parse.GetValue(output);
            await using var writer = path is null ? ResultWriter.To(console.Profile.Out.Writer, resultFormat) : ResultWriter.Open(path, resultFormat);
            try
            {
                await foreach (var result in client.StreamResultsAsync(jobId, from, parse.GetValue(follow), token))
                {
                    await writer.WriteAsync(result, CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                await writer.FlushAsync(CancellationToken.None);
                return CrawlerCli.ExitInterrupted;
            }

            if (path is not null)
            {
                console.MarkupLine($"{writer.Count:N0} results from offset {from:N0} written to {Markup.Escape(path)}");
            }

            return CrawlerCli.ExitOk;
        });
        return command;
    }

    /// <summary>A command that changes a job's state (cancel, pause, resume) and shows where the job stands after it.</summary>
    private static Command BuildChange(
        IAnsiConsole console,
        GatewayOptionSet gateway,
        string name,
        string description,
        JobState wanted,
        Func<Gateway.GatewayClient, string, CancellationToken, Task<JobStatus>> change)
    {
        var job = JobArgument();
        var command = new Command(name, description);
        command.Arguments.Add(job);
        gateway.AddTo(command);
        command.SetAction(async (parse, token) =>
        {
            using var client = gateway.CreateClient(parse);
            var status = await change(client, parse.GetValue(job)!, token);
            if (status.State != wanted)
            {
                // Not an error: the job was already past what the command changes (ended, not paused, not running).
                console.MarkupLine($"job [blue]{Markup.Escape(status.JobId)}[/] is {status.State}: {name} did not change it");
            }

            console.Write(SummaryTable.Build(new CrawlOutcome(status, Elapsed(status), []), null));
            return CrawlerCli.ExitOk;
        });
        return command;
    }

    private static Command BuildCluster(IAnsiConsole console, GatewayOptionSet gateway)
    {
        var command = new Command("cluster", "Show the cluster: silos, their status and heartbeats, who holds the partitions.");
        gateway.AddTo(command);
        command.SetAction(async (parse, token) =>
        {
            using var client = gateway.CreateClient(parse);
            console.Write(ClusterTable.Build(await client.GetClusterAsync(token)));
            return CrawlerCli.ExitOk;
        });
        return command;
    }

    private static void RefuseSiloSetting(ParseResult parse, Option option, string setting)
    {
        if (parse.GetResult(option) is { Implicit: false })
        {
            throw new CliException($"{option.Name} is a setting of each silo ({setting} in its configuration), not of a job");
        }
    }

    private static Argument<string> JobArgument() => new("job") { Description = "The job's id (as submit printed it)." };

    /// <summary>How long the job has run (until it ended, or until now by this machine's clock).</summary>
    private static TimeSpan Elapsed(JobStatus status) =>
        status.StartedAt is { } started ? (status.FinishedAt ?? TimeProvider.System.GetUtcNow()) - started : TimeSpan.Zero;
}
