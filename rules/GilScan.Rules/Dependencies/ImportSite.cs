using GilScan.Analysis.Diagnostics;

namespace GilScan.Rules.Dependencies;

/// <summary>
/// One absolute import in project code: <c>import numpy.linalg as la</c> gives the module
/// "numpy.linalg"; <c>from yaml import safe_load</c> gives "yaml". <see cref="Location"/> is the
/// alias (<c>numpy.linalg as la</c>) of an <c>import</c>, and the whole statement of a
/// <c>from … import</c>. <see cref="IsGuarded"/> is true inside a <c>try</c> whose handlers catch
/// ImportError, where the code has a fallback.
/// </summary>
public sealed record ImportSite(string Module, Location Location, bool IsGuarded)
{
    /// <summary>The first part of the dotted module name: what decides which distribution is loaded.</summary>
    public string TopLevel => Module.Split('.')[0];
}
