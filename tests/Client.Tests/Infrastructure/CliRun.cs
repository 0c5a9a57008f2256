using Crawler.Client.Cli;
using Spectre.Console;

namespace Crawler.Client.Tests.Infrastructure;

/// <summary>
/// Runs the CLI in-process with its output, its errors and its environment captured: a wide, plain,
/// non-interactive console, so tables are not wrapped and no progress animation is drawn.
/// </summary>
public sealed class CliRun : IDisposable
{
    private readonly ObservedWriter _out = new();
    private readonly StringWriter _error = new();
    private readonly IAnsiConsole _console;

    public CliRun()
    {
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_out),
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        _console.Profile.Width = 240;
    }

    /// <summary>The environment the CLI sees (CRAWLER_GATEWAY, CRAWLER_API_KEY); empty unless a test sets it.</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public string Out => _out.ToString();

    /// <summary>Completes when the command has written its first line of output.</summary>
    public Task FirstLine => _out.FirstLine;

    public string Error => _error.ToString();

    public Task<int> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    public Task<int> RunAsync(CancellationToken cancellationToken, params string[] args) =>
        CrawlerCli.RunAsync(args, cancellationToken, _console, _error, name => Environment.GetValueOrDefault(name));

    public void Dispose()
    {
        _out.Dispose();
        _error.Dispose();
    }
}
