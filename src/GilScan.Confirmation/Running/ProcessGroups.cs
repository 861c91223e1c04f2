using System.Runtime.InteropServices;

namespace GilScan.Confirmation.Running;

/// <summary>
/// Signals to whole process groups. Every script gilscan runs makes itself the leader of a new group
/// (os.setpgid(0, 0) as its first act), so its worker processes and whatever the project code starts are
/// in that group, and one kill(2) with a negative id ends them all.
/// </summary>
internal static partial class ProcessGroups
{
    private const int SignalKill = 9;
    private const int NoSuchProcess = 3; // ESRCH

    public static bool IsSupported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    /// <summary>Sends SIGKILL to every process in the group led by <paramref name="groupId"/>; false when none was there.</summary>
    public static bool Kill(int groupId) => IsSupported && groupId > 1 && SendSignal(-groupId, SignalKill) == 0;

    /// <summary>Whether any process (a zombie included) is still in the group.</summary>
    public static bool Exists(int groupId) =>
        IsSupported && groupId > 1 && (SendSignal(-groupId, 0) == 0 || Marshal.GetLastPInvokeError() != NoSuchProcess);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
