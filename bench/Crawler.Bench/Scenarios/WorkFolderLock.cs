namespace Crawler.Bench.Scenarios;

/// <summary>
/// Keeps a second run from using the same work folder: a run empties the folder when it starts, so two runs sharing
/// it (the default, <c>/tmp/crawler-bench</c>) would delete each other's sites, logs and results. The lock is a file
/// beside the folder held open without sharing (an advisory <c>flock</c> on Linux), so it is let go when the process
/// ends, however it ends.
/// </summary>
public sealed class WorkFolderLock : IDisposable
{
    private readonly FileStream _file;

    private WorkFolderLock(FileStream file) => _file = file;

    /// <summary>The lock of <paramref name="workDirectory"/>, or null when another run holds it.</summary>
    public static WorkFolderLock? TryTake(string workDirectory)
    {
        var path = Path.TrimEndingDirectorySeparator(workDirectory) + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new WorkFolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _file.Dispose();
}
