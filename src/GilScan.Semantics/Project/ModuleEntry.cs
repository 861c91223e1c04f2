namespace GilScan.Semantics.Project;

/// <summary>One source file of the project and the module name Python would give it.</summary>
/// <param name="Name">Dotted module name, e.g. "pkg.sub.mod"; for a package's <c>__init__.py</c>, the
/// package name.</param>
/// <param name="RelativePath">Path below the project root, with forward slashes.</param>
/// <param name="IsPackage">True for <c>__init__.py</c> (a regular package).</param>
/// <param name="IsImportable">False when no import statement can name the file (a path part is not an
/// identifier, or another file took the name first); <see cref="Name"/> is then synthetic.</param>
public sealed record ModuleEntry(string Name, string RelativePath, bool IsPackage, bool IsImportable)
{
    /// <summary>True for a module of an installed package (the project's environment), read only to
    /// follow calls into it: the rules report on the project's own code.</summary>
    public bool IsLibrary { get; init; }

    /// <summary>
    /// The folder (relative, with '/') that must be on <c>sys.path</c> for <c>import</c> to find this file
    /// under <see cref="Name"/>: the file's folder less one level per dotted part of the name, and one more
    /// for a package's <c>__init__.py</c> ("" for the root, <c>src</c> for a src layout).
    /// </summary>
    public string ImportRoot
    {
        get
        {
            var parts = RelativePath.Split('/');
            var depth = Name.Split('.').Length + (IsPackage ? 1 : 0);
            return string.Join('/', parts[..Math.Max(0, parts.Length - depth)]);
        }
    }
}
