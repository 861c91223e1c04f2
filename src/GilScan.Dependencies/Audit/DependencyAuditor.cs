using GilScan.Dependencies.Binary;
using GilScan.Dependencies.Environments;
using GilScan.Dependencies.Inputs;
using GilScan.Dependencies.Knowledge;
using GilScan.Dependencies.Model;

namespace GilScan.Dependencies.Audit;

/// <summary>
/// Decides, per distribution and target, whether it blocks free-threading. Evidence is weighed strongest
/// first: (1) the scan of extension modules built for the target (an installed free-threaded environment
/// or a free-threaded wheel), (2) the wheel tags a lockfile or wheel file lists, (3) the knowledge base,
/// (4) declaration hints from modules built for another interpreter. Every verdict lists the evidence
/// it used; inputs that cannot speak for the target (a lockfile resolved for Python 3.12 only) are said so.
/// </summary>
public static class DependencyAuditor
{
    private static readonly InputKind[] Priority =
    [
        InputKind.UvLock, InputKind.PylockToml, InputKind.PoetryLock, InputKind.PdmLock, InputKind.PipfileLock,
        InputKind.RequirementsTxt, InputKind.PyprojectToml, InputKind.WheelFile, InputKind.InstalledEnvironment,
    ];

    /// <summary>Audits what <see cref="Inputs.ProjectInputs.Load"/> read, with the bundled knowledge base unless one is given.</summary>
    public static AuditResult Audit(Inputs.DependencyInputs inputs, FreeThreadedTarget target, KnowledgeBase? knowledge = null)
    {
        var result = Audit(new AuditRequest(target, inputs.Files, inputs.Environments, inputs.Wheels, knowledge ?? KnowledgeBase.LoadBundled())
        {
            Scopes = inputs.Scopes.Count > 0 ? inputs.Scopes : null,
        });
        return result with { Diagnostics = [.. result.Diagnostics, .. inputs.WheelDiagnostics] };
    }

    public static AuditResult Audit(AuditRequest request)
    {
        var target = request.Target;
        var diagnostics = request.Files.SelectMany(f => f.Diagnostics)
            .Concat(request.Environments.SelectMany(e => e.Diagnostics)).ToList();
        var scopes = request.Scopes ?? [SingleScope(request.Files)];
        var coverage = scopes.SelectMany(s => s.Files).DistinctBy(f => f.Path).ToDictionary(f => f.Path, f => LockfileCoverage.Of(f, target));
        var fileOf = new Dictionary<DependencyEntry, DependencyFile>(ReferenceEqualityComparer.Instance);
        foreach (var file in scopes.SelectMany(s => s.Files))
        {
            foreach (var entry in file.Entries)
            {
                fileOf[entry] = file;
            }
        }

        var planner = new InstallPlanner(target);
        var verdicts = new List<DistributionVerdict>();
        var notOnTarget = new List<ExcludedDependency>();
        foreach (var scope in scopes)
        {
            var placements = planner.Plan(scope.Files);
            var sightings = new List<Sighting>();
            // The scope's own projects (workspace members, path dependencies, the project itself) are code, not dependencies.
            var local = scope.Files.SelectMany(f => f.Entries).Where(e => !IsDependency(e)).Select(e => e.NormalizedName)
                .Concat(scope.Files.Select(f => f.ProjectName).OfType<string>().Select(DistributionName.Normalize))
                .ToHashSet(StringComparer.Ordinal);
            foreach (var entry in scope.Files.SelectMany(f => f.Entries).Where(e => IsDependency(e) && !local.Contains(e.NormalizedName)))
            {
                sightings.Add(new Sighting(entry, null, null, placements.GetValueOrDefault(entry) ?? Placement.Direct));
            }

            // Environments and wheel files stand for the scope that holds them (the root's, when they lie elsewhere).
            foreach (var environment in request.Environments.Where(e => ScopeHolding(scopes, e.Root) == scope))
            {
                sightings.AddRange(environment.Distributions.Select(d => new Sighting(d.Entry, d, environment, Placement.Direct)));
            }

            sightings.AddRange(request.Wheels.Where(w => ScopeHolding(scopes, w.Origin) == scope).Select(w => new Sighting(w.Entry, w, null, Placement.Direct)));
            var (groups, excluded) = Group(scope, sightings);
            notOnTarget.AddRange(excluded);
            foreach (var group in groups)
            {
                var context = new DistributionContext(group, scope, target, request.Knowledge, coverage, fileOf);
                verdicts.Add(context.Decide());
            }
        }

        diagnostics.AddRange(planner.Diagnostics);
        var sorted = verdicts.OrderBy(v => v.IsBlocker ? 0 : 1).ThenBy(v => v.Verdict).ThenBy(v => v.NormalizedName, StringComparer.Ordinal)
            .ThenBy(v => v.Scope, StringComparer.Ordinal).ThenBy(v => v.Version, StringComparer.Ordinal).ToList();
        return new AuditResult(target, sorted, diagnostics)
        {
            NotOnTarget = [.. notOnTarget.OrderBy(e => e.Scope, StringComparer.Ordinal).ThenBy(e => e.NormalizedName, StringComparer.Ordinal).ThenBy(e => e.Version, StringComparer.Ordinal)],
        };
    }

    /// <summary>
    /// The sightings of one scope as verdict groups: one per distribution and pinned version (a lock with
    /// two versions of one name for two Pythons, or two requirement files that pin differently, gives two),
    /// with the declarations (pyproject entries, ".in" files, unpinned requirements) and the installed or
    /// wheel files of the same name joined to them. Entries the target does not install make no group;
    /// a name with none installed is listed as not on this target.
    /// </summary>
    private static (List<List<Sighting>> Groups, List<ExcludedDependency> Excluded) Group(ProjectScope scope, List<Sighting> sightings)
    {
        var groups = new List<List<Sighting>>();
        var excluded = new List<ExcludedDependency>();
        foreach (var byName in sightings.GroupBy(s => s.Entry.NormalizedName))
        {
            // A name that only a constraints file mentions is not a dependency; constraints never pin on their own.
            var all = byName.Where(s => !s.Entry.Groups.Contains("constraint")).ToList();
            if (all.Count == 0)
            {
                continue;
            }

            var files = all.Where(s => s.Scanned is null).ToList();
            var lockEntries = files.Where(s => IsLockfile(s.Entry.Input)).ToList();
            var onTarget = all.Where(s => s.Placement.OnTarget).ToList();
            // A lockfile knows best where it installs a package; without one, the declarations and pins decide.
            var installedByLock = lockEntries.Count == 0 || lockEntries.Any(s => s.Placement.OnTarget);
            if (!installedByLock || (files.Count > 0 && onTarget.All(s => s.Scanned is not null)) || onTarget.Count == 0)
            {
                foreach (var pin in (lockEntries.Count > 0 ? lockEntries : files).Where(s => !s.Placement.OnTarget).DistinctBy(s => s.Entry.VersionText))
                {
                    excluded.Add(Excluded(pin, scope));
                }

                continue;
            }

            var declarations = onTarget.Where(s => s.Scanned is null && s.Entry.IsDeclaration).ToList();
            var scanned = onTarget.Where(s => s.Scanned is not null).ToList();
            var pins = onTarget.Where(s => s.Scanned is null && !s.Entry.IsDeclaration).ToList();
            var versions = pins.Where(s => s.Entry.Version is not null).GroupBy(s => s.Entry.Version!).ToList();
            if (versions.Count <= 1)
            {
                groups.Add(Ordered([.. declarations, .. pins, .. scanned]));
            }
            else
            {
                foreach (var version in versions)
                {
                    var matching = scanned.Where(s => s.Entry.Version is { } v && v.Equals(version.Key)).ToList();
                    if (version == versions[0])
                    {
                        // Installed files of a version no input pins still speak (the verdict says they were not used).
                        matching.AddRange(scanned.Where(s => !versions.Any(v => s.Entry.Version is { } sv && sv.Equals(v.Key))));
                        matching.AddRange(pins.Where(s => s.Entry.Version is null));
                    }

                    groups.Add(Ordered([.. declarations, .. version, .. matching]));
                }
            }

            var versionsOnTarget = pins.Select(s => s.Entry.VersionText).ToHashSet(StringComparer.Ordinal);
            foreach (var pin in files.Where(s => !s.Placement.OnTarget && !s.Entry.IsDeclaration && !versionsOnTarget.Contains(s.Entry.VersionText ?? "")).DistinctBy(s => s.Entry.VersionText))
            {
                excluded.Add(Excluded(pin, scope));
            }
        }

        return (groups, excluded);
    }

    private static ExcludedDependency Excluded(Sighting pin, ProjectScope scope) =>
        new(pin.Entry.Name, pin.Entry.NormalizedName, pin.Entry.VersionText, scope.RelativeFolder, pin.Placement.Reason ?? "not installed on this target", pin.Entry.Anchor);

    private static List<Sighting> Ordered(List<Sighting> sightings) =>
        [.. sightings.OrderBy(s => s.Entry.IsDeclaration && s.Scanned is null ? 0 : 1)
            .ThenBy(s => Array.IndexOf(Priority, s.Entry.Input))
            .ThenBy(s => s.Entry.Version is null ? 1 : 0)];

    private static bool IsLockfile(InputKind kind) =>
        kind is InputKind.UvLock or InputKind.PoetryLock or InputKind.PdmLock or InputKind.PylockToml or InputKind.PipfileLock;

    private static ProjectScope SingleScope(IReadOnlyList<DependencyFile> files)
    {
        var folders = files.Select(f => Path.GetDirectoryName(Path.GetFullPath(f.Path)) ?? "").Distinct().ToList();
        return new ProjectScope(folders.Count == 1 ? folders[0] : "", "", files, []);
    }

    private static ProjectScope ScopeHolding(IReadOnlyList<ProjectScope> scopes, string path) =>
        scopes.Count == 1 || scopes[0].Folder.Length == 0 ? scopes[0] : ProjectScopes.ScopeOf(scopes, scopes[0].Folder, path);

    /// <summary>The project itself (uv's virtual root, "-e .", path/directory sources) is code, not a dependency.</summary>
    private static bool IsDependency(DependencyEntry entry) =>
        entry.SourceKind is not (PinSourceKind.Virtual or PinSourceKind.Editable or PinSourceKind.Directory);

    private sealed record Sighting(DependencyEntry Entry, ScannedDistribution? Scanned, InstalledEnvironment? Environment, Placement Placement);

    private sealed class DistributionContext(
        List<Sighting> sightings,
        ProjectScope scope,
        FreeThreadedTarget target,
        KnowledgeBase knowledge,
        Dictionary<string, LockfileCoverage> coverage,
        Dictionary<DependencyEntry, DependencyFile> fileOf)
    {
        private readonly List<Evidence> _evidence = [];
        private readonly List<ModuleFinding> _modules = [];

        public DistributionVerdict Decide()
        {
            var primary = sightings[0].Entry;
            var version = sightings.Select(s => s.Entry.Version).FirstOrDefault(v => v is not null);
            var name = (sightings.FirstOrDefault(s => s.Scanned is not null)?.Scanned?.Metadata.Name) ?? primary.Name;
            var (verdict, confidence, summary) = Weigh(version);
            if (verdict == Verdict.NoFreeThreadedWheel && knowledge.OptionalCompiled(primary.Name, version) is { } optional)
            {
                // Nothing free-threaded installs, but the package runs without its compiled part: it works, more slowly.
                _evidence.Add(new Evidence(EvidenceKind.KnowledgeBase,
                    $"the compiled part ({string.Join(", ", optional.Modules)}) is optional: {optional.Fallback}", optional.Source, optional.Location)
                {
                    Links = [optional.Source, .. optional.SeeAlso],
                });
                verdict = Verdict.PurePythonFallback;
                summary = $"works, slower: {summary}; its compiled part ({string.Join(", ", optional.Modules)}) is optional and a pure-Python fallback runs instead";
            }

            var fix = verdict is Verdict.ReenablesGil or Verdict.NoFreeThreadedWheel or Verdict.DeclarationUnverified or Verdict.Unknown
                ? Fix(primary.Name) : null;
            var anchors = sightings.Select(s => s.Entry.Anchor).Distinct().ToList();
            var importNames = sightings.Where(s => s.Scanned is not null)
                .SelectMany(s => s.Scanned!.Metadata.TopLevel.Count > 0
                    ? s.Scanned.Metadata.TopLevel
                    : s.Scanned.Metadata.RecordPaths.Where(p => p.Contains('/')).Select(p => p.Split('/')[0]).Where(p => !p.Contains('.') && p != ".."))
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var ordered = _evidence.Select((e, i) => (e, i)).OrderBy(x => x.e.Kind).ThenBy(x => x.i).Select(x => x.e).ToList();
            var files = sightings.Where(s => s.Scanned is null).ToList();
            var declared = files.Any(s => s.Entry.IsDeclaration);
            var route = declared ? files.First(s => s.Entry.IsDeclaration).Placement
                : files.Select(s => s.Placement).OrderBy(p => p.Path.Count).FirstOrDefault() ?? Placement.Direct;
            return new DistributionVerdict(name, primary.NormalizedName, version?.ToString() ?? primary.VersionText, target, verdict, confidence,
                summary, ordered, fix, anchors[0], anchors.Skip(1).ToList(), _modules, importNames)
            {
                Scope = scope.RelativeFolder,
                Declarations = [.. files.Where(s => s.Entry.IsDeclaration).Select(s => s.Entry.Anchor).Distinct()],
                Pins = [.. files.Where(s => !s.Entry.IsDeclaration).Select(s => s.Entry.Anchor).Distinct()],
                PulledInBy = declared ? [] : route.Path,
                DeclaredAs = route.Activation,
            };
        }

        private (Verdict, VerdictConfidence, string) Weigh(Versions.Pep440Version? version)
        {
            var scanned = ScannedMatching(version);
            AddClassifierEvidence(scanned);
            var binary = AssessBinaries(scanned);
            if (binary.Decisive is { } decisive)
            {
                return decisive;
            }

            var tags = AssessTags();
            var known = knowledge.Lookup(sightings[0].Entry.Name, version, target);
            if (known is not null)
            {
                var fromKnowledge = new Evidence(EvidenceKind.KnowledgeBase,
                    $"{known.Package} {(known.Versions.Text.Length == 0 ? "(all versions)" : known.Versions.Text)} on {target.Name}: {Describe(known.Status)}{(known.Note is null ? "" : $" ({known.Note})")}",
                    known.Source, known.Location)
                {
                    Links = [known.Source, .. known.SeeAlso],
                };
                _evidence.Add(fromKnowledge);
            }

            switch (tags?.Finding)
            {
                case TagFinding.PureOnly:
                    return (Verdict.PurePython, VerdictConfidence.High, "pure-Python wheels only");
                case TagFinding.NoneAbiPlatformOnly:
                    return (Verdict.NoExtensionModules, VerdictConfidence.High, "platform wheels without CPython extension modules");
                case TagFinding.NoInstallableWheel:
                    return (Verdict.NoFreeThreadedWheel, VerdictConfidence.High, $"no wheel installs on {target.Name}: {tags.Summary}");
                case TagFinding.PureFallback when known?.Status is not KnownStatus.Declares:
                    return (Verdict.PurePythonFallback, VerdictConfidence.High, $"no {target.AbiTag} wheel; a pure-Python wheel installs instead");
                case TagFinding.FreeThreadedWheel:
                    return DeclarationOfFreeThreadedBuild(known, binary, "a free-threaded wheel exists");
            }

            if (binary.PureOnly)
            {
                return (Verdict.PurePython, VerdictConfidence.High, "no extension modules in its files");
            }

            if (binary.NoModulesButLibraries)
            {
                return (Verdict.NoExtensionModules, VerdictConfidence.High, "native libraries without CPython extension modules");
            }

            if (known is not null)
            {
                var fromKnowledge = FromKnowledge(known, binary);
                return fromKnowledge;
            }

            if (binary.DeclarationHint is { } hint)
            {
                return hint
                    ? (Verdict.DeclarationUnverified, VerdictConfidence.Low, "modules built for another interpreter declare Py_MOD_GIL_NOT_USED; no build for the target was seen")
                    : (Verdict.Unknown, VerdictConfidence.Low, "modules built for another interpreter need the GIL; no build for the target was seen");
            }

            if (tags?.Finding == TagFinding.NoInstallableWheelUnproven)
            {
                return (Verdict.NoFreeThreadedWheel, VerdictConfidence.Low, $"no wheel installs on {target.Name} among those listed: {tags.Summary}");
            }

            if (tags?.Finding == TagFinding.TargetNotCovered)
            {
                return (Verdict.Unknown, VerdictConfidence.Low, $"compiled wheels, but the lockfile does not cover Python {target.Major}.{target.Minor} and the knowledge base has no entry");
            }

            return binary.HasCompiledCode || tags is { Finding: not TagFinding.NoWheels }
                ? (Verdict.Unknown, VerdictConfidence.Low, "compiled code, and nothing known about its free-threaded builds")
                : (Verdict.Unknown, VerdictConfidence.Low, "no wheel list, no installed files and no knowledge-base entry");
        }

        private (Verdict, VerdictConfidence, string) DeclarationOfFreeThreadedBuild(KnowledgeEntry? known, BinaryAssessment binary, string prefix)
        {
            switch (known?.Status)
            {
                case KnownStatus.Declares:
                    return (Verdict.Ok, VerdictConfidence.Medium, $"{prefix} and the knowledge base says its modules declare Py_MOD_GIL_NOT_USED");
                case KnownStatus.ReenablesGil:
                    return (Verdict.ReenablesGil, VerdictConfidence.Medium, $"{prefix}, but the knowledge base says its modules re-enable the GIL");
            }

            return binary.DeclarationHint switch
            {
                true => (Verdict.Ok, VerdictConfidence.Low, $"{prefix} and modules built for another interpreter declare Py_MOD_GIL_NOT_USED"),
                false => (Verdict.ReenablesGil, VerdictConfidence.Low, $"{prefix}, and modules built for another interpreter need the GIL"),
                null => (Verdict.DeclarationUnverified, VerdictConfidence.Low, $"{prefix}; a free-threaded tag alone does not prove the declaration"),
            };
        }

        private (Verdict, VerdictConfidence, string) FromKnowledge(KnowledgeEntry known, BinaryAssessment binary) => known.Status switch
        {
            KnownStatus.Declares => (Verdict.Ok, VerdictConfidence.Medium, "the knowledge base says this version declares Py_MOD_GIL_NOT_USED"),
            KnownStatus.ReenablesGil => (Verdict.ReenablesGil, VerdictConfidence.Medium, "the knowledge base says this version's modules re-enable the GIL"),
            KnownStatus.NoFreeThreadedWheel => (Verdict.NoFreeThreadedWheel, VerdictConfidence.Medium, "the knowledge base says this version has no free-threaded wheel"),
            KnownStatus.Abi3Only => (Verdict.NoFreeThreadedWheel, VerdictConfidence.Medium, "the knowledge base says this version ships abi3 wheels only"),
            KnownStatus.PurePythonFallback => (Verdict.PurePythonFallback, VerdictConfidence.Medium, "no free-threaded wheel; a pure-Python wheel installs instead"),
            KnownStatus.NoExtensionModules => (Verdict.NoExtensionModules, VerdictConfidence.Medium, "native code is loaded through ctypes, not as extension modules"),
            _ => DeclarationOfFreeThreadedBuild(null, binary, "the knowledge base lists free-threaded builds"),
        };

        private static string Describe(KnownStatus status) => status switch
        {
            KnownStatus.Declares => "declares Py_MOD_GIL_NOT_USED",
            KnownStatus.ReenablesGil => "modules do not declare; importing them re-enables the GIL",
            KnownStatus.NoFreeThreadedWheel => "no free-threaded wheel",
            KnownStatus.Abi3Only => "abi3 wheels only (not installable on free-threaded builds)",
            KnownStatus.PurePythonFallback => "no free-threaded wheel; a pure-Python wheel installs",
            KnownStatus.NoExtensionModules => "no CPython extension modules",
            _ => "free-threaded builds exist; declaration unverified",
        };

        private List<ScannedDistribution> ScannedMatching(Versions.Pep440Version? version)
        {
            var matching = new List<ScannedDistribution>();
            foreach (var sighting in sightings.Where(s => s.Scanned is not null))
            {
                var scanned = sighting.Scanned!;
                if (version is not null && scanned.Entry.Version is { } scannedVersion && !scannedVersion.Equals(version))
                {
                    _evidence.Add(new Evidence(EvidenceKind.InputCoverage,
                        $"{scanned.Origin} holds version {scannedVersion}, not the pinned {version}; its binaries were not used",
                        scanned.Origin, scanned.Entry.Anchor));
                    continue;
                }

                matching.Add(scanned);
            }

            return matching;
        }

        private sealed record BinaryAssessment(
            (Verdict, VerdictConfidence, string)? Decisive, bool PureOnly, bool NoModulesButLibraries, bool HasCompiledCode, bool? DeclarationHint);

        private BinaryAssessment AssessBinaries(List<ScannedDistribution> scanned)
        {
            if (scanned.Count == 0)
            {
                return new BinaryAssessment(null, false, false, false, null);
            }

            var environmentFor = new Dictionary<ScannedDistribution, InstalledEnvironment?>(ReferenceEqualityComparer.Instance);
            foreach (var sighting in sightings.Where(s => s.Scanned is not null))
            {
                environmentFor[sighting.Scanned!] = sighting.Environment;
            }

            var modules = scanned.SelectMany(d => d.ExtensionModules.Select(m => (Distribution: d, Module: m))).ToList();
            var libraries = scanned.SelectMany(d => d.Modules.Where(m => !m.IsExtensionModule)).ToList();
            if (modules.Count == 0)
            {
                var origin = scanned[0].Origin;
                _evidence.Add(new Evidence(EvidenceKind.ExtensionBinary, libraries.Count == 0
                        ? "no extension module among its files"
                        : $"{libraries.Count} native file(s) without a PyInit_ entry point (e.g. {libraries[0].Path}); no extension module",
                    origin, scanned[0].Metadata.NameAnchor));
                return new BinaryAssessment(null, libraries.Count == 0, libraries.Count > 0, false, null);
            }

            var forTarget = new List<ExtensionModuleScan>();
            var abi3InTargetEnvironment = new List<ExtensionModuleScan>();
            bool? hint = null;
            foreach (var (distribution, module) in modules)
            {
                var environment = environmentFor.GetValueOrDefault(distribution);
                var targetEnvironment = environment is { IsFreeThreaded: true } && environment.PythonVersion == $"{target.Major}.{target.Minor}";
                var builtForTarget = module.Abi == ModuleAbi.FreeThreaded
                                     && (module.FileName.PythonVersionDigits == target.VersionDigits
                                         || (module.FileName.PythonVersionDigits is null && (targetEnvironment || environment is null)));
                var needsGil = module.Declaration is GilDeclaration.DeclaredUsed or GilDeclaration.NotDeclared;
                _modules.Add(new ModuleFinding(module.ModuleName, module.Path, module.Abi, module.Declaration,
                    $"{module.AbiReason}; {module.DeclarationReason}", builtForTarget && needsGil));
                if (builtForTarget)
                {
                    forTarget.Add(module);
                }
                else if (targetEnvironment && module.Abi is ModuleAbi.Abi3 or ModuleAbi.GilBuild)
                {
                    abi3InTargetEnvironment.Add(module);
                }
                else if (module.Abi == ModuleAbi.FreeThreaded || module.Slices.Any(s => s.SlotArrays.Any(a => a.GilValue is not null)))
                {
                    // Built for another interpreter: what it declares is a hint about the source, not a proof for the target.
                    var declares = module.Declaration is GilDeclaration.DeclaredNotUsed or GilDeclaration.SetGilCalled;
                    var refuses = module.Declaration is GilDeclaration.DeclaredUsed or GilDeclaration.NotDeclared && module.Abi == ModuleAbi.FreeThreaded
                                  || module.Declaration == GilDeclaration.DeclaredUsed;
                    hint = refuses ? false : declares && hint != false ? true : hint;
                }
            }

            var origins = string.Join(", ", scanned.Select(d => d.Origin).Distinct());
            if (abi3InTargetEnvironment.Count > 0)
            {
                var first = abi3InTargetEnvironment[0];
                _evidence.Add(new Evidence(EvidenceKind.ExtensionBinary,
                    $"{first.Path} is built for {first.Abi} ({first.AbiReason}); a free-threaded {target.Name} interpreter cannot load it",
                    origins));
                return new BinaryAssessment((Verdict.NoFreeThreadedWheel, VerdictConfidence.High,
                    $"{abi3InTargetEnvironment.Count} installed module(s) are not built for the free-threaded ABI"), false, false, true, null);
            }

            if (forTarget.Count > 0)
            {
                var needing = forTarget.Where(m => m.Declaration is GilDeclaration.DeclaredUsed or GilDeclaration.NotDeclared).ToList();
                foreach (var module in needing.Count > 0 ? needing : forTarget)
                {
                    _evidence.Add(new Evidence(EvidenceKind.ExtensionBinary, $"{module.ModuleName}: {module.DeclarationReason}", $"{origins}: {module.Path}"));
                }

                if (needing.Count > 0)
                {
                    var names = string.Join(", ", needing.Select(m => m.ModuleName));
                    return new BinaryAssessment((Verdict.ReenablesGil, VerdictConfidence.High,
                        $"{needing.Count} of {forTarget.Count} extension module(s) built for {target.Name} need the GIL: {names}"), false, false, true, false);
                }

                if (forTarget.All(m => m.Declaration is GilDeclaration.DeclaredNotUsed or GilDeclaration.SetGilCalled))
                {
                    var viaSetGil = forTarget.Any(m => m.Declaration == GilDeclaration.SetGilCalled);
                    return new BinaryAssessment((Verdict.Ok, viaSetGil ? VerdictConfidence.Medium : VerdictConfidence.High,
                        $"all {forTarget.Count} extension module(s) built for {target.Name} declare Py_MOD_GIL_NOT_USED{(viaSetGil ? " (some through PyUnstable_Module_SetGIL, value not checked)" : "")}"),
                        false, false, true, true);
                }

                hint = forTarget.Any(m => m.Declaration == GilDeclaration.Undetermined) ? hint : true;
            }
            else
            {
                var sample = modules[0].Module;
                _evidence.Add(new Evidence(EvidenceKind.ExtensionBinary,
                    $"{modules.Count} extension module(s), none built for {target.Name} (e.g. {sample.Path}: {sample.AbiReason}); {DescribeHint(hint)}",
                    origins));
            }

            return new BinaryAssessment(null, false, false, true, hint);
        }

        private static string DescribeHint(bool? hint) => hint switch
        {
            true => "their slot arrays declare Py_MOD_GIL_NOT_USED",
            false => "their slot arrays say they need the GIL",
            null => "they say nothing about free-threaded builds",
        };

        private WheelTagAssessment? AssessTags()
        {
            var lockSighting = sightings.FirstOrDefault(s => s.Scanned is null && s.Entry.Artifacts.Count > 0);
            var wheelFiles = sightings.Where(s => s.Entry.Input == InputKind.WheelFile).SelectMany(s => s.Entry.Wheels).ToList();
            if (lockSighting is null && wheelFiles.Count == 0)
            {
                return null;
            }

            var wheels = (lockSighting?.Entry.Wheels ?? []).Concat(wheelFiles).DistinctBy(w => w.FileName).ToList();
            var assessment = WheelTagAssessment.Assess(wheels, target);
            var source = lockSighting is not null && fileOf.TryGetValue(lockSighting.Entry, out var file) ? file.Path : "wheel files";
            var anchor = lockSighting?.Entry.Anchor;
            // The index's own page lists every file of the release: the public evidence behind the tags.
            IReadOnlyList<string> links = lockSighting?.Entry is { SourceKind: PinSourceKind.Registry, VersionText: { } pinned } pin
                                          && (pin.SourceLocation is null || pin.SourceLocation.Contains("pypi.org", StringComparison.Ordinal))
                ? [$"https://pypi.org/project/{pin.NormalizedName}/{pinned}/#files"]
                : [];
            if (assessment.Finding == TagFinding.NoInstallableWheel && lockSighting is not null && wheelFiles.Count == 0
                && coverage.TryGetValue(source, out var lockCoverage) && (!lockCoverage.AdmitsTarget || !lockCoverage.ListsTargetMinor))
            {
                // The lockfile may have dropped the target's wheels; what it lists cannot prove their absence.
                _evidence.Add(new Evidence(EvidenceKind.InputCoverage, lockCoverage.Caveat!, source, anchor));
                _evidence.Add(new Evidence(EvidenceKind.WheelTags, assessment.Summary, source, anchor) { Links = links });
                return assessment with { Finding = lockCoverage.AdmitsTarget ? TagFinding.NoInstallableWheelUnproven : TagFinding.TargetNotCovered };
            }

            if (assessment.Finding == TagFinding.NoWheels && lockSighting?.Entry.Artifacts.Any(a => a.IsSourceDistribution) == true)
            {
                _evidence.Add(new Evidence(EvidenceKind.WheelTags, "only a source distribution is listed; it would be built from source", source, anchor) { Links = links });
                return assessment;
            }

            _evidence.Add(new Evidence(EvidenceKind.WheelTags, assessment.Summary, source, anchor) { Links = links });
            return assessment;
        }

        private void AddClassifierEvidence(List<ScannedDistribution> scanned)
        {
            foreach (var distribution in scanned)
            {
                if (distribution.Metadata.FreeThreadingClassifier is { } classifier)
                {
                    _evidence.Add(new Evidence(EvidenceKind.Metadata, $"METADATA claims '{classifier}' (a claim, not proof)",
                        distribution.Origin, distribution.Metadata.NameAnchor));
                }
            }
        }

        private SuggestedFix? Fix(string package)
        {
            var minimum = knowledge.MinimumDeclaringVersion(package, target);
            var alternative = knowledge.Alternative(package);
            if (minimum is { } found)
            {
                var current = sightings.Select(s => s.Entry.Version).FirstOrDefault(v => v is not null);
                if (current is null || current < found.Version)
                {
                    return new SuggestedFix(found.Version, alternative?.Use,
                        $"upgrade to {package} {found.Version} or later, which declares Py_MOD_GIL_NOT_USED on {target.Name}", found.Entry.Source);
                }
            }

            return alternative is { } alt
                ? new SuggestedFix(null, alt.Use, $"replace {package} with {alt.Use}, which supports free-threaded builds", alt.Source)
                : null;
        }
    }
}
