namespace GilScan.Semantics.Binding;

/// <summary>An assignment to an attribute (<c>self.pool = ThreadPoolExecutor()</c>), kept for the
/// attribute facts of classes and modules.</summary>
/// <param name="Target">The Attribute node in Store context.</param>
/// <param name="Value">The assigned value (the matching element when unpacking a display); null when
/// unknown.</param>
/// <param name="Kind">Assignment, AnnotatedAssignment, AugmentedAssignment, ForTarget or WithTarget.</param>
/// <param name="Scope">The scope whose code assigns.</param>
/// <param name="Unpacked">When the target is one of several unpacking a value that is not a display
/// (<c>self.model, self.tokenizer = load()</c>): that value and the target's place.</param>
public sealed record AttributeAssignment(Attribute Target, Expr? Value, BindingKind Kind, Scope Scope, UnpackedElement? Unpacked = null);

/// <summary>Element <paramref name="Index"/> of <paramref name="Count"/> targets unpacking
/// <paramref name="Source"/> (no starred target among them).</summary>
public readonly record struct UnpackedElement(Expr Source, int Index, int Count);
