using GilScan.Semantics.Values;

namespace GilScan.Semantics.Declarations;

/// <summary>Resolves class bases and computes each project class's MRO by C3 linearisation (falling
/// back to depth-first order for hierarchies C3 rejects, which CPython would refuse to create).</summary>
internal static class ClassHierarchy
{
    public static void Resolve(IReadOnlyList<ProjectClass> classes, ValueEvaluator values)
    {
        var direct = new Dictionary<ProjectClass, (List<ProjectClass> Project, List<string> External)>();
        foreach (var cls in classes)
        {
            var project = new List<ProjectClass>();
            var external = new List<string>();
            foreach (var b in cls.Node.Bases)
            {
                var resolved = values.Evaluate(b);
                if (resolved.Single is ClassValue c) { if (!ReferenceEquals(c.Class, cls)) project.Add(c.Class); }
                else if (resolved.QualifiedName is { } name) external.Add(name);
                else if (b is Subscript { Value: var generic } && values.Evaluate(generic).Single is ClassValue gc && !ReferenceEquals(gc.Class, cls))
                    project.Add(gc.Class);
            }
            direct[cls] = (project, external);
            cls.HasUnknownBase = project.Count + external.Count < cls.Node.Bases.Count || cls.Node.Keywords.Count > 0;
        }

        var mros = new Dictionary<ProjectClass, List<ProjectClass>>();
        foreach (var cls in classes) Linearise(cls, direct, mros, []);
        foreach (var cls in classes)
        {
            cls.Mro = mros[cls];
            var externals = new List<string>();
            foreach (var c in cls.Mro)
                foreach (var e in direct[c].External)
                    if (!externals.Contains(e)) externals.Add(e);
            cls.ExternalBases = externals;
            if (cls.Mro.Any(c => c.HasUnknownBase)) cls.HasUnknownBase = true;
        }
    }

    private static List<ProjectClass> Linearise(ProjectClass cls,
        Dictionary<ProjectClass, (List<ProjectClass> Project, List<string> External)> direct,
        Dictionary<ProjectClass, List<ProjectClass>> mros, HashSet<ProjectClass> visiting)
    {
        if (mros.TryGetValue(cls, out var done)) return done;
        if (!visiting.Add(cls)) return [cls];
        var bases = direct.TryGetValue(cls, out var d) ? d.Project : [];
        var sequences = bases.Select(b => new List<ProjectClass>(Linearise(b, direct, mros, visiting))).ToList();
        sequences.Add([.. bases]);
        var result = new List<ProjectClass> { cls };
        while (true)
        {
            sequences.RemoveAll(s => s.Count == 0);
            if (sequences.Count == 0) break;
            ProjectClass? head = null;
            foreach (var s in sequences)
            {
                var candidate = s[0];
                if (!sequences.Any(other => other.IndexOf(candidate) > 0))
                {
                    head = candidate;
                    break;
                }
            }
            if (head is null)
            {
                // Inconsistent hierarchy: keep the remaining classes in depth-first order.
                foreach (var s in sequences)
                    foreach (var c in s)
                        if (!result.Contains(c)) result.Add(c);
                break;
            }
            result.Add(head);
            foreach (var s in sequences) s.Remove(head);
        }
        visiting.Remove(cls);
        mros[cls] = result;
        return result;
    }
}
