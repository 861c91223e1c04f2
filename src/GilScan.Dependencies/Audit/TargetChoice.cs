using GilScan.Dependencies.Inputs;
using GilScan.Dependencies.Model;
using GilScan.Dependencies.Versions;

namespace GilScan.Dependencies.Audit;

/// <summary>
/// The target of an audit and why: given on the command line, or the newest free-threaded CPython the
/// project's <c>requires-python</c> allows (the pyproject.toml of the project root, else its lockfile's
/// Python constraint): a project that says <c>==3.13.*</c> is audited for 3.13t, one that allows 3.14 or
/// says nothing for 3.14t. A lockfile resolved for the project's Pythons keeps only their wheels, so
/// auditing it for a Python it excludes would read pruned wheel lists as missing wheels.
/// </summary>
public sealed record TargetChoice(FreeThreadedTarget Target, string Reason)
{
    /// <summary>The target named on the command line.</summary>
    public static TargetChoice Given(FreeThreadedTarget target) => new(target, "given with --target");

    /// <summary>The newest released free-threaded build the project allows, on <paramref name="platform"/>.</summary>
    public static TargetChoice ForProject(IReadOnlyList<ProjectScope> scopes, TargetPlatform platform)
    {
        var (constraint, file) = RequiresPython(scopes);
        var newest = FreeThreadedTarget.Released[0] with { Platform = platform };
        if (constraint is null)
        {
            return new TargetChoice(newest, $"the newest free-threaded CPython; the project states no requires-python");
        }

        var where = $"requires-python '{constraint}' ({file})";
        foreach (var candidate in FreeThreadedTarget.Released)
        {
            if (Allows(constraint, candidate))
            {
                return new TargetChoice(candidate with { Platform = platform },
                    candidate == FreeThreadedTarget.Released[0]
                        ? $"the newest free-threaded CPython, which {where} allows"
                        : $"the newest free-threaded CPython that {where} allows");
            }
        }

        return new TargetChoice(newest, $"{where} allows no free-threaded CPython; audited for the newest one");
    }

    private static bool Allows(VersionSpecifierSet constraint, FreeThreadedTarget target) =>
        new[] { 0, 1, 99 }.Any(patch => constraint.Contains(Pep440Version.Parse($"{target.Major}.{target.Minor}.{patch}")));

    private static (VersionSpecifierSet? Constraint, string? File) RequiresPython(IReadOnlyList<ProjectScope> scopes)
    {
        foreach (var scope in scopes)
        {
            var ordered = scope.Files
                .Where(f => f.RequiresPython is not null && IsScopeOwn(scope, f))
                .OrderBy(f => f.Kind == InputKind.PyprojectToml ? 0 : 1)
                .ThenBy(f => f.Path, StringComparer.Ordinal);
            if (ordered.FirstOrDefault() is { } file)
            {
                var relative = Path.GetRelativePath(scopes[0].Folder.Length > 0 ? scopes[0].Folder : Path.GetDirectoryName(file.Path)!, file.Path).Replace('\\', '/');
                return (file.RequiresPython, relative);
            }
        }

        return (null, null);
    }

    // A member's pyproject.toml speaks for the member; the scope's own folder speaks for the project.
    private static bool IsScopeOwn(ProjectScope scope, DependencyFile file) =>
        scope.Folder.Length == 0 || string.Equals(Path.GetDirectoryName(Path.GetFullPath(file.Path)), scope.Folder.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);
}
