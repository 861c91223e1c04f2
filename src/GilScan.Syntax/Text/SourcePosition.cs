namespace GilScan.Syntax.Text;

/// <summary>
/// A place in source text: <see cref="Line"/> is 1-based; <see cref="Utf8Column"/> is 0-based in UTF-8
/// bytes (CPython's <c>col_offset</c>); <see cref="Utf16Column"/> is 0-based in UTF-16 code units (SARIF's
/// default column unit, plus one).
/// </summary>
public readonly record struct SourcePosition(int Line, int Utf8Column, int Utf16Column);
