namespace GilScan.Semantics.Binding;

/// <summary>The syntax that binds a name, which decides what <see cref="SymbolBinding.Value"/> means.</summary>
public enum BindingKind
{
    /// <summary><c>x = v</c>; Value is v (or the matching element of a tuple/list display when unpacking).</summary>
    Assignment,
    /// <summary><c>x += v</c>; Value is v.</summary>
    AugmentedAssignment,
    /// <summary><c>x: T = v</c>; Value is v.</summary>
    AnnotatedAssignment,
    /// <summary><c>x: T</c> with no value: makes x local in a function but binds nothing.</summary>
    AnnotationOnly,
    /// <summary><c>for x in it</c>; Value is the iterable (x is one of its elements).</summary>
    ForTarget,
    /// <summary>A comprehension's <c>for x in it</c>; Value is the iterable.</summary>
    ComprehensionTarget,
    /// <summary><c>with cm as x</c>; Value is the context manager expression (x is what its
    /// <c>__enter__</c> returns).</summary>
    WithTarget,
    /// <summary><c>except E as x</c>; Value is the exception type expression.</summary>
    ExceptHandler,
    /// <summary><c>import a.b</c> or <c>import a.b as c</c>; see <see cref="SymbolBinding.Import"/>.</summary>
    Import,
    /// <summary><c>from m import x</c>; see <see cref="SymbolBinding.Import"/>.</summary>
    ImportFrom,
    FunctionDefinition,
    ClassDefinition,
    /// <summary>A parameter; Value is its default, if any.</summary>
    Parameter,
    /// <summary><c>(x := v)</c>; Value is v. Inside a comprehension it binds in the enclosing scope.</summary>
    NamedExpression,
    /// <summary><c>del x</c>: x is local, no value.</summary>
    Deletion,
    /// <summary>A capture in a <c>case</c> pattern; Value is the match subject for <c>case x</c> and
    /// <c>case P as x</c> at the top of the pattern, else null.</summary>
    MatchCapture,
    TypeParameter,
    /// <summary><c>type X = v</c>; Value is v.</summary>
    TypeAlias,
}
