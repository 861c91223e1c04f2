using System.Globalization;

namespace GilScan.Confirmation.Tests;

/// <summary>Reads /proc to see which processes are still alive in a process group.</summary>
internal static class ProcGroups
{
    /// <summary>Pids in <paramref name="groupId"/> that are not zombies (a zombie has run its last instruction).</summary>
    public static IReadOnlyList<int> LiveMembers(int groupId)
    {
        var members = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(folder, "stat"));
            }
            catch (IOException)
            {
                continue; // exited while we looked
            }

            // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so split after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields[0] != "Z" && int.Parse(fields[2], CultureInfo.InvariantCulture) == groupId)
            {
                members.Add(pid);
            }
        }

        return members;
    }
}
