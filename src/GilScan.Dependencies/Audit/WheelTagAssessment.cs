using GilScan.Dependencies.Model;
using GilScan.Dependencies.Wheels;

namespace GilScan.Dependencies.Audit;

internal enum TagFinding
{
    NoWheels,
    PureOnly,
    NoneAbiPlatformOnly,
    FreeThreadedWheel,
    PureFallback,
    NoInstallableWheel,

    /// <summary>None installable among those listed, but the list may have been filtered (see LockfileCoverage).</summary>
    NoInstallableWheelUnproven,

    /// <summary>The lockfile was resolved for Pythons that exclude the target: its wheel list says nothing about it.</summary>
    TargetNotCovered,
}

/// <summary>What a distribution's wheel list says for one target, with the wheel names that show it.</summary>
internal sealed record WheelTagAssessment(TagFinding Finding, string Summary, IReadOnlyList<string> ShowingWheels)
{
    public static WheelTagAssessment Assess(IReadOnlyList<WheelFilename> wheels, FreeThreadedTarget target)
    {
        if (wheels.Count == 0)
        {
            return new WheelTagAssessment(TagFinding.NoWheels, "no wheel file names listed", []);
        }

        var compiled = wheels.Where(w => w.Tags.Any(t => t.HasCompiledAbi)).ToList();
        if (compiled.Count == 0)
        {
            return wheels.All(w => w.Tags.All(t => t.IsPurePython))
                ? new WheelTagAssessment(TagFinding.PureOnly, $"every wheel is pure Python ({Names(wheels)})", Names(wheels, 3))
                : new WheelTagAssessment(TagFinding.NoneAbiPlatformOnly,
                    $"wheels carry no CPython ABI (py3-none-<platform>: native code without extension modules) ({Names(wheels)})", Names(wheels, 3));
        }

        var installable = wheels.Where(w => w.Tags.Any(target.Installs)).ToList();
        var freeThreaded = installable.Where(w => w.Tags.Any(t => t.Abi == target.AbiTag)).ToList();
        if (freeThreaded.Count > 0)
        {
            return new WheelTagAssessment(TagFinding.FreeThreadedWheel,
                $"{freeThreaded.Count} {target.AbiTag} wheel(s) for {target.Platform.Display}, e.g. {freeThreaded[0].FileName}", Names(freeThreaded, 3));
        }

        if (installable.Count > 0)
        {
            return new WheelTagAssessment(TagFinding.PureFallback,
                $"no {target.AbiTag} wheel, but {installable[0].FileName} installs on {target.Name}", Names(installable, 3));
        }

        // Examples for the target's platform read best; other platforms' wheels only when it has none.
        var onPlatform = compiled.Where(w => w.Tags.Any(t => target.Platform.Installs(t.Platform))).ToList();
        var examples = onPlatform.Count > 0 ? onPlatform : compiled;
        var elsewhere = compiled.Where(w => w.Tags.Any(t => t.Abi == target.AbiTag && target.InstallsOnSomePlatform(t))).ToList();
        if (elsewhere.Count > 0)
        {
            return new WheelTagAssessment(TagFinding.NoInstallableWheel,
                $"{target.AbiTag} wheels exist only for other platforms (e.g. {elsewhere[0].FileName}); none for {target.Platform.Display}", Names(elsewhere, 3));
        }

        var abi3 = examples.Where(w => w.Tags.All(t => t.IsAbi3 || t.IsAbi3t || !t.HasCompiledAbi)).ToList();
        if (abi3.Count == examples.Count)
        {
            return new WheelTagAssessment(TagFinding.NoInstallableWheel,
                $"only abi3 wheels ({Names(abi3)}); free-threaded {target.Name} cannot load the stable ABI", Names(abi3, 3));
        }

        var sameMinor = examples.Where(w => w.Tags.Any(target.IsForThisMinor)).ToList();
        if (sameMinor.Count > 0)
        {
            return new WheelTagAssessment(TagFinding.NoInstallableWheel,
                $"CPython {target.Major}.{target.Minor} wheels are GIL-build only (e.g. {sameMinor[0].FileName}); no {target.AbiTag} wheel", Names(sameMinor, 3));
        }

        return new WheelTagAssessment(TagFinding.NoInstallableWheel,
            onPlatform.Count == 0
                ? $"no wheel for {target.Platform.Display} (e.g. {compiled[0].FileName}); it would be built from source"
                : $"no wheel for CPython {target.Major}.{target.Minor} at all (e.g. {examples[0].FileName}); the release predates it or skips it",
            Names(examples, 3));
    }

    private static string Names(IReadOnlyList<WheelFilename> wheels) =>
        wheels.Count <= 2 ? string.Join(", ", wheels.Select(w => w.FileName)) : $"{wheels[0].FileName} and {wheels.Count - 1} more";

    private static IReadOnlyList<string> Names(IEnumerable<WheelFilename> wheels, int count) =>
        wheels.Take(count).Select(w => w.FileName).ToList();
}

/// <summary>Whether a lockfile can speak for the target's wheels at all.</summary>
internal sealed record LockfileCoverage(bool AdmitsTarget, bool ListsTargetMinor, string? Caveat)
{
    public static LockfileCoverage Of(DependencyFile file, FreeThreadedTarget target)
    {
        var admits = file.RequiresPython is not { } requires
                     || requires.Contains(Versions.Pep440Version.Parse($"{target.Major}.{target.Minor}"))
                     || requires.Contains(Versions.Pep440Version.Parse($"{target.Major}.{target.Minor}.99"));
        if (!admits)
        {
            return new LockfileCoverage(false, false,
                $"{Path.GetFileName(file.Path)} was resolved for Python '{file.RequiresPython}', which excludes {target.Major}.{target.Minor}; its wheel lists cannot show {target.AbiTag} wheels");
        }

        var compiledTags = file.Entries.SelectMany(e => e.Wheels).SelectMany(w => w.Tags).Where(t => t.HasCompiledAbi && !t.IsAbi3).ToList();
        var listsMinor = compiledTags.Count == 0 || compiledTags.Any(target.IsForThisMinor);
        if (!listsMinor)
        {
            return new LockfileCoverage(true, false,
                $"{Path.GetFileName(file.Path)} lists no CPython {target.Major}.{target.Minor} wheel for any package; it may have been locked for other Pythons only");
        }

        // uv's environments setting, or a lock made on one machine, can keep only other platforms' wheels.
        var listsPlatform = compiledTags.Count == 0 || compiledTags.Any(t => target.Platform.Installs(t.Platform));
        return listsPlatform
            ? new LockfileCoverage(true, true, null)
            : new LockfileCoverage(true, false,
                $"{Path.GetFileName(file.Path)} lists no compiled wheel for {target.Platform.Display} for any package; it may have been locked for other platforms only");
    }
}
