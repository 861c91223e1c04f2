namespace GilScan.Semantics.Binding;

/// <summary>An assignment to an attribute (<c>self.pool = ThreadPoolExecutor()</c>), kept for the
/// attribute facts of classes and modules.</summary>
/// <param name="Target">The Attribute node in Store context.</param>
/// <param name="Value">The assigned value (the matching element when unpacking a display); null when
/// unknown.</param>
/// <param name="Kind">Assignment, AnnotatedAssignment, AugmentedAssignment, ForTarget or WithTarget.</param>
/// <param name="Scope">The scope whose code assigns.</param>
public sealed record AttributeAssignment(Attribute Target, Expr? Value, BindingKind Kind, Scope Scope);
