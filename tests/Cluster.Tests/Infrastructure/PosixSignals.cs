using System.Runtime.InteropServices;

namespace Crawler.Cluster.Tests.Infrastructure;

/// <summary>kill(2), for the signals <see cref="System.Diagnostics.Process"/> cannot send. Linux numbering.</summary>
internal static partial class PosixSignals
{
    public const int Terminate = 15;
    public const int Continue = 18;
    public const int Stop = 19;

    public static void Send(int processId, int signal)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The cluster tests signal silo processes the Linux way.");
        }

        if (Kill(processId, signal) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int processId, int signal);
}
