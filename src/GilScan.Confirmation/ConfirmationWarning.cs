using System.Text;
using GilScan.Analysis.Confirmation;
using GilScan.Confirmation.Interpreters;
using GilScan.Confirmation.Targets;

namespace GilScan.Confirmation;

/// <summary>
/// The text the CLI prints before any measurement: confirmation imports and runs project code, so the
/// user sees exactly which modules and calls, under which interpreters, with which limits.
/// </summary>
public static class ConfirmationWarning
{
    public static string Describe(IReadOnlyList<ConfirmationTarget> targets, IReadOnlyList<InterpreterIdentity> interpreters)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(interpreters);
        var text = new StringBuilder();
        text.Append("warning: --confirm runs project code.");
        if (targets.Count == 0)
        {
            return text.Append(" Nothing to confirm: no finding can be measured.").ToString();
        }

        foreach (var project in targets.GroupBy(t => Path.GetFullPath(t.ProjectRoot)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.Append($"\nIt will import, and call, from {project.Key}:");
            foreach (var target in project.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                text.Append(target.Kind == ConfirmationKind.ImportProbe
                    ? $"\n  import {target.Module}   (in a fresh free-threaded interpreter)"
                    : $"\n  import {target.Module}; {target.CallText}");
            }
        }

        text.Append(interpreters.Count == 0
            ? "\nNo Python interpreter was found, so nothing will run."
            : $"\nunder {string.Join(", ", interpreters.Select(i => $"{i.Name} ({i.Command})"))}.");
        var settings = targets[0].Settings;
        var cores = settings.Cores?.ToString() ?? "every allowed core";
        text.Append($"\nEach measurement runs in its own process group, pinned to {(settings.Cores is null ? cores : "cores " + cores)}, and is killed after {Harness.HarnessOutput.Seconds(settings.Timeout.TotalSeconds)}.");
        text.Append(settings.KeepHarness
            ? "\nThe generated harness scripts are kept (--keep-harness); their paths are in the results."
            : "\nThe generated harness scripts go to the temp folder and are deleted afterwards (--keep-harness keeps them).");
        return text.ToString();
    }
}
