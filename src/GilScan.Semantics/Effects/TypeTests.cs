using GilScan.Semantics.Values;

namespace GilScan.Semantics.Effects;

/// <summary>
/// Decides <c>isinstance</c>, <c>is None</c> and <c>is True</c>/<c>is False</c> tests from value sets, for branch pruning: true or false
/// only when every possible value agrees, and only for types whose relations are known (builtins and
/// their standard subclasses, project classes by their MRO).
/// </summary>
internal static class TypeTests
{
    /// <summary>Standard types whose instances are also instances of another builtin.</summary>
    private static readonly Dictionary<string, string[]> BuiltinBases = new(StringComparer.Ordinal)
    {
        ["builtins.bool"] = ["builtins.int"],
        ["collections.OrderedDict"] = ["builtins.dict"],
        ["collections.defaultdict"] = ["builtins.dict"],
        ["collections.Counter"] = ["builtins.dict"],
        ["builtins.NoneType"] = [],
        ["builtins.int"] = [],
        ["builtins.float"] = [],
        ["builtins.complex"] = [],
        ["builtins.str"] = [],
        ["builtins.bytes"] = [],
        ["builtins.bytearray"] = [],
        ["builtins.list"] = [],
        ["builtins.tuple"] = [],
        ["builtins.dict"] = [],
        ["builtins.set"] = [],
        ["builtins.frozenset"] = [],
    };

    public static bool? IsInstance(ValueSet values, ValueSet classes)
    {
        if (values.IsUnknown || classes.IsUnknown) return null;
        var names = new List<string>();
        foreach (var c in classes.Items)
        {
            switch (c)
            {
                case ClassValue cv:
                    names.Add(cv.Class.QualifiedName);
                    break;
                case ExternalValue { ReceiverType: null } x:
                    names.Add(x.Name);
                    break;
                default:
                    // A tuple of classes, or something unknown.
                    return null;
            }
        }
        bool? answer = null;
        foreach (var v in values.Items)
        {
            var one = IsInstance(v, names);
            if (one is null || (answer is not null && answer != one)) return null;
            answer = one;
        }
        return answer;
    }

    private static bool? IsInstance(ReferentValue value, List<string> classes)
    {
        switch (value)
        {
            case InstanceValue { Class: { } cls }:
                if (classes.Any(c => cls.Mro.Any(m => m.QualifiedName == c))) return true;
                // External bases could be anything the test names.
                return cls.ExternalBases.Count == 0 && cls.Mro.All(m => m.ExternalBases.Count == 0) ? false : null;
            case InstanceValue instance when BuiltinBases.TryGetValue(instance.TypeName, out var bases):
                if (classes.Contains(instance.TypeName) || bases.Any(classes.Contains)) return true;
                // Only builtins are known not to derive from one another; a project class might.
                return classes.All(c => BuiltinBases.ContainsKey(c) || c == "builtins.object") && !classes.Contains("builtins.object") ? false : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// True when no value can be <c>True</c> or <c>False</c>: every one is known and none is a bool
    /// (bool cannot be subclassed, so an instance of any other class, a function, a class or a
    /// module is never the same object as <c>True</c>). The None that value sets leave out is no bool
    /// either. Used for <c>x is True</c>, the identity test some APIs use to accept a flag in place of
    /// an object.
    /// </summary>
    public static bool CannotBeBool(ValueSet values) =>
        !values.IsUnknown && values.Items.All(v => v switch
        {
            InstanceValue instance => instance.TypeName != "builtins.bool",
            FunctionValue or ClassValue or ModuleValue or PartialValue => true,
            _ => false,
        });

    /// <summary>Whether every value is None (true), none can be (false), or not known.</summary>
    public static bool? IsNone(ValueSet values, bool mayBeNone)
    {
        if (values.IsUnknown) return null;
        var none = 0;
        foreach (var v in values.Items)
        {
            switch (v)
            {
                case InstanceValue { TypeName: "builtins.NoneType" }:
                    none++;
                    break;
                case InstanceValue or FunctionValue or ClassValue or ModuleValue or PartialValue:
                    break;
                default:
                    return null;
            }
        }
        if (none == values.Items.Length) return true;
        return none == 0 && !mayBeNone ? false : null;
    }
}
