using GilScan.Semantics.Binding;

namespace GilScan.Semantics.Declarations;

/// <summary>A class defined in the project.</summary>
public sealed class ProjectClass
{
    private readonly Dictionary<string, ProjectFunction> _methods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<AttributeAssignment>> _instanceAttributes = new(StringComparer.Ordinal);

    internal ProjectClass(ClassDef node, BoundModule module, Scope scope, string qualifiedName, string displayName)
    {
        Node = node;
        Module = module;
        Scope = scope;
        QualifiedName = qualifiedName;
        DisplayName = displayName;
    }

    public ClassDef Node { get; }

    public BoundModule Module { get; }

    public Scope Scope { get; }

    public string QualifiedName { get; }

    public string DisplayName { get; }

    /// <summary>Methods defined in this class body, by name (the last definition wins, as at run time).</summary>
    public IReadOnlyDictionary<string, ProjectFunction> Methods => _methods;

    /// <summary>Assignments to <c>self.NAME</c> in this class's methods (and functions nested in them), by
    /// attribute name, in source order.</summary>
    public IReadOnlyDictionary<string, List<AttributeAssignment>> InstanceAttributes => _instanceAttributes;

    /// <summary>Project base classes in MRO order (C3 linearisation, this class first), set by
    /// <see cref="ProjectModel"/>.</summary>
    public IReadOnlyList<ProjectClass> Mro { get; internal set; } = [];

    /// <summary>Qualified names of the non-project classes among all bases in the MRO's classes
    /// (e.g. "threading.Thread"), in MRO order.</summary>
    public IReadOnlyList<string> ExternalBases { get; internal set; } = [];

    /// <summary>A base in the MRO that the analysis could not resolve (a base computed at run time), or a
    /// metaclass or class keyword: the class may have members nothing here shows.</summary>
    public bool HasUnknownBase { get; internal set; }

    /// <summary>True when this class or a project base derives from <paramref name="qualifiedName"/>.</summary>
    public bool DerivesFrom(string qualifiedName)
    {
        foreach (var c in Mro)
            if (c.QualifiedName == qualifiedName) return true;
        foreach (var b in ExternalBases)
            if (b == qualifiedName) return true;
        return false;
    }

    /// <summary>The method <paramref name="name"/> as attribute lookup finds it along the MRO.</summary>
    public ProjectFunction? FindMethod(string name)
    {
        foreach (var c in Mro)
            if (c._methods.TryGetValue(name, out var f)) return f;
        return null;
    }

    internal void AddMethod(string name, ProjectFunction function) => _methods[name] = function;

    internal void AddInstanceAttribute(string name, AttributeAssignment assignment)
    {
        if (!_instanceAttributes.TryGetValue(name, out var list)) _instanceAttributes[name] = list = [];
        list.Add(assignment);
    }

    public override string ToString() => QualifiedName;
}
