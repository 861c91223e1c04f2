using GilScan.Dependencies.Model;
using GilScan.Dependencies.Toml;
using GilScan.Dependencies.Versions;

namespace GilScan.Dependencies.Inputs;

/// <summary>
/// Reads the dependencies a pyproject.toml declares: PEP 621 <c>[project] dependencies</c> and
/// <c>optional-dependencies</c>, PEP 735 <c>[dependency-groups]</c> (with <c>include-group</c>), and
/// Poetry's <c>[tool.poetry.dependencies]</c>, <c>[tool.poetry.group.*.dependencies]</c> and legacy
/// <c>dev-dependencies</c>. Each entry is anchored to its requirement string (or Poetry key).
/// </summary>
public static class PyprojectParser
{
    public static DependencyFile Parse(string text, string path)
    {
        var toml = TomlTreeBuilder.Parse(text, path);
        var diagnostics = new List<DependencyDiagnostic>(toml.Diagnostics);
        var entries = new List<DependencyEntry>();
        var project = toml.Root.GetTable("project");
        VersionSpecifierSet? requiresPython = null;
        if (project is not null)
        {
            AddRequirements(project.Get("dependencies"), "main", entries, diagnostics, "[project] dependencies");
            if (project.GetTable("optional-dependencies") is { } optional)
            {
                foreach (var extra in optional.Keys)
                {
                    AddRequirements(optional.Get(extra), "extra:" + extra, entries, diagnostics, $"optional-dependencies.{extra}");
                }
            }

            if (project.Get("requires-python") is TomlScalar { Value: string rp } rpNode)
            {
                if (VersionSpecifierSet.TryParse(rp, out var set, out var error))
                {
                    requiresPython = set;
                }
                else
                {
                    diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Error, $"invalid requires-python: {error}", rpNode.ContentAnchor));
                }
            }
        }

        if (toml.Root.GetTable("dependency-groups") is { } groups)
        {
            foreach (var group in groups.Keys)
            {
                AddRequirements(groups.Get(group), "group:" + group, entries, diagnostics, $"dependency-groups.{group}");
            }
        }

        if (toml.Root.GetTable("tool")?.GetTable("poetry") is { } poetry)
        {
            AddPoetryTable(poetry.GetTable("dependencies"), "main", entries, diagnostics);
            AddPoetryTable(poetry.GetTable("dev-dependencies"), "group:dev", entries, diagnostics);
            if (poetry.GetTable("group") is { } poetryGroups)
            {
                foreach (var group in poetryGroups.Keys)
                {
                    AddPoetryTable(poetryGroups.GetTable(group)?.GetTable("dependencies"), "group:" + group, entries, diagnostics);
                }
            }

            if (requiresPython is null && poetry.GetTable("dependencies")?.Get("python") is TomlScalar { Value: string py }
                && PoetryConstraint.TryConvert(py, out var pySet))
            {
                requiresPython = pySet;
            }
        }

        var projectName = project?.GetString("name") ?? toml.Root.GetTable("tool")?.GetTable("poetry")?.GetString("name");
        return new DependencyFile(path, InputKind.PyprojectToml, entries, diagnostics, requiresPython) { ProjectName = projectName };
    }

    private static void AddRequirements(
        TomlNode? node, string group, List<DependencyEntry> entries, List<DependencyDiagnostic> diagnostics, string where)
    {
        if (node is null)
        {
            return;
        }

        if (node is not TomlArrayNode array)
        {
            diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Error, $"{where} must be an array of requirement strings", node.Anchor));
            return;
        }

        foreach (var item in array.Items)
        {
            switch (item)
            {
                case TomlScalar { Value: string text } scalar:
                    if (Pep508Parser.TryParse(text, out var requirement, out var error))
                    {
                        entries.Add(FromRequirement(requirement, group, InputKind.PyprojectToml, scalar.ContentAnchor));
                    }
                    else
                    {
                        diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Error, $"invalid requirement in {where}: {error}", scalar.ContentAnchor));
                    }

                    break;
                case TomlTableNode table when table.GetString("include-group") is not null:
                    break; // PEP 735 include: the included group is read on its own.
                default:
                    diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Error, $"{where} holds a value that is not a requirement string", item.Anchor));
                    break;
            }
        }
    }

    internal static DependencyEntry FromRequirement(Requirement requirement, string group, InputKind kind, SourceAnchor anchor)
    {
        var artifacts = requirement.Url is { } url ? RequirementsTxtParser.ArtifactFromUrl(url, anchor) : [];
        var pinned = requirement.PinnedVersion ?? artifacts.Select(a => a.Wheel?.Version).FirstOrDefault(v => v is not null);
        return new DependencyEntry(requirement.Name, pinned?.ToString(), pinned, requirement, kind,
            requirement.Url is null ? PinSourceKind.Registry : PinSourceKind.Url, requirement.Url, artifacts, [], [group],
            requirement.Marker, anchor);
    }

    private static void AddPoetryTable(TomlTableNode? table, string group, List<DependencyEntry> entries, List<DependencyDiagnostic> diagnostics)
    {
        if (table is null)
        {
            return;
        }

        foreach (var name in table.Keys)
        {
            if (name.Equals("python", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = table.Get(name)!;
            // Several constraints for one package come as an array of tables; the first one speaks for it.
            var spec = value is TomlArrayNode { Items.Count: > 0 } multi ? multi.Items[0] : value;
            string? constraint = null;
            string? marker = null;
            var sourceKind = PinSourceKind.Registry;
            string? sourceLocation = null;
            var extras = new List<string>();
            switch (spec)
            {
                case TomlScalar { Value: string s }:
                    constraint = s;
                    break;
                case TomlTableNode details:
                    constraint = details.GetString("version");
                    marker = details.GetString("markers");
                    extras.AddRange(details.GetStrings("extras").Select(e => (string)e.Value));
                    (sourceKind, sourceLocation) = details.GetString("git") is { } git ? (PinSourceKind.Git, git)
                        : details.GetString("path") is { } p ? (PinSourceKind.Path, p)
                        : details.GetString("url") is { } u ? (PinSourceKind.Url, u)
                        : (PinSourceKind.Registry, null);
                    break;
                default:
                    diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Error, $"Poetry dependency '{name}' has an unsupported value", value.Anchor));
                    continue;
            }

            var specifier = VersionSpecifierSet.Any;
            if (constraint is not null && !PoetryConstraint.TryConvert(constraint, out specifier))
            {
                diagnostics.Add(new DependencyDiagnostic(DiagnosticSeverity.Warning,
                    $"Poetry constraint '{constraint}' of '{name}' is not understood; any version assumed", value.Anchor));
                specifier = VersionSpecifierSet.Any;
            }

            var requirement = new Requirement(name, extras, specifier, sourceKind == PinSourceKind.Url ? sourceLocation : null, marker);
            var pinned = requirement.PinnedVersion;
            var keyAnchor = value.Anchor;
            entries.Add(new DependencyEntry(name, pinned?.ToString(), pinned, requirement, InputKind.PyprojectToml,
                sourceKind, sourceLocation, [], [], [group], marker, keyAnchor));
        }
    }
}
