using System.Collections.Immutable;
using GilScan.Semantics.Declarations;

namespace GilScan.Semantics.Values;

/// <summary>
/// What an expression stands for (its referent), as far as a light, flow-insensitive analysis can tell:
/// a module, a project function or class, something named outside the project, an instance of a known
/// type, a partial application, or a parameter whose value comes from the callers. Which object, not
/// which constant: the constant an expression folds to is a <see cref="Constants.FoldedValue"/>.
/// </summary>
public abstract record ReferentValue
{
    /// <summary>The dotted name of a module, function, class or external thing; null for instances,
    /// partials and parameters.</summary>
    public virtual string? QualifiedName => null;
}

/// <summary>A module; <paramref name="IsProject"/> when the project defines it (a file or a namespace
/// package).</summary>
public sealed record ModuleValue(string Name, bool IsProject) : ReferentValue
{
    public override string? QualifiedName => Name;
}

/// <summary>Something outside the project, by the dotted name the code reaches it by
/// ("numpy.dot", "concurrent.futures.ThreadPoolExecutor"). For an attribute of an instance of an
/// external type, the name is "TYPE.attr" and <paramref name="ReceiverType"/> is TYPE.</summary>
public sealed record ExternalValue(string Name, string? ReceiverType = null) : ReferentValue
{
    public override string? QualifiedName => Name;
}

/// <summary>A project function or lambda. For a bound method, <paramref name="Receiver"/> is the instance
/// (or class) bound to its first parameter and <paramref name="BoundPositionals"/> is 1: a call fills
/// the parameters after it.</summary>
public sealed record FunctionValue(ProjectFunction Function, ReferentValue? Receiver = null, int BoundPositionals = 0) : ReferentValue
{
    public override string? QualifiedName => Function.QualifiedName;
}

public sealed record ClassValue(ProjectClass Class) : ReferentValue
{
    public override string? QualifiedName => Class.QualifiedName;
}

/// <summary>An instance of <paramref name="TypeName"/>; <paramref name="Class"/> when it is a project class.
/// A tuple whose elements are known one by one carries where they are written in <paramref name="Elements"/>:
/// the tuple display (<c>return model, tokenizer</c>) or the annotation (<c>-&gt; tuple[Model, Tokenizer]</c>),
/// so that unpacking it (<c>model, tokenizer = load()</c>) gives each name its own value.</summary>
public sealed record InstanceValue(string TypeName, ProjectClass? Class = null, Node? Elements = null) : ReferentValue;

/// <summary><c>functools.partial(callable, *args, **kwargs)</c>.</summary>
public sealed record PartialValue(ReferentValue Callable, int BoundPositionals, ImmutableArray<string> BoundKeywords, Call Site) : ReferentValue
{
    public bool Equals(PartialValue? other) =>
        other is not null && Callable.Equals(other.Callable) && BoundPositionals == other.BoundPositionals &&
        ReferenceEquals(Site, other.Site);

    public override int GetHashCode() => HashCode.Combine(Callable, BoundPositionals, Site);
}

/// <summary>The value of a parameter of a project function: whatever its callers pass.</summary>
public sealed record ParameterValue(ProjectFunction Function, Parameter Parameter) : ReferentValue;

/// <summary><c>super()</c> inside a method of <paramref name="Class"/>: attribute lookup starts after
/// that class in the receiver's MRO (approximated by the class's own MRO).</summary>
public sealed record SuperValue(ProjectClass Class, ReferentValue Receiver) : ReferentValue;
