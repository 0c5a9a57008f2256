namespace Crawler.Runtime.Substrate.Postgres;

/// <summary>A turn with its messages' arguments and its stream records already turned into JSON.</summary>
internal sealed record PreparedCommit(TurnCommit Commit, string[] Arguments, string[] RecordTypes, string[] Records);
