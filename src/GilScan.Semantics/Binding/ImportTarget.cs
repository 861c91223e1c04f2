namespace GilScan.Semantics.Binding;

/// <summary>What an import binding refers to.</summary>
/// <param name="QualifiedName">The dotted name the bound name stands for: "a" for <c>import a.b</c>,
/// "a.b" for <c>import a.b as c</c>, "m.x" for <c>from m import x</c>, with relative imports made
/// absolute. Null when a relative import cannot be resolved.</param>
/// <param name="ImportedModule">The module the statement imports ("a.b" for <c>import a.b</c>, "m" for
/// <c>from m import x</c>), absolute; null when unresolvable.</param>
/// <param name="Level">The number of leading dots of a relative import (0 for absolute).</param>
public sealed record ImportTarget(string? QualifiedName, string? ImportedModule, int Level);
