using System.Runtime.InteropServices;

namespace Crawler.Bench.Processes;

/// <summary>kill(2) with SIGTERM, which <see cref="System.Diagnostics.Process"/> cannot send: a silo stops gracefully on it.</summary>
public static partial class PosixSignals
{
    private const int Terminate = 15;

    public static void SendTerminate(int processId)
    {
        if (Kill(processId, Terminate) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int processId, int signal);
}
