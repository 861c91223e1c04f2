using GilScan.Dependencies.Binary;
using GilScan.Dependencies.Wheels;

namespace GilScan.Dependencies.Model;

/// <summary>
/// A distribution whose files we could look at (a wheel file, or a dist-info in an installed
/// environment): its metadata and the scan of every extension module it ships.
/// </summary>
public sealed record ScannedDistribution(
    DependencyEntry Entry,
    DistInfo Metadata,
    IReadOnlyList<ExtensionModuleScan> Modules,
    string Origin)
{
    public string NormalizedName => Entry.NormalizedName;

    /// <summary>Only files that export a module entry point count: ctypes/cffi libraries raise no GIL question.</summary>
    public IEnumerable<ExtensionModuleScan> ExtensionModules => Modules.Where(m => m.IsExtensionModule);
}
