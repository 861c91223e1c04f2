namespace GilScan.Syntax.Text;

/// <summary>
/// Why a source file could not be decoded, as CPython 3.13's <c>ast.parse(bytes)</c> reports it:
/// <see cref="Message"/> is the SyntaxError's <c>msg</c>, <see cref="Line"/> its <c>lineno</c> and
/// <see cref="Column"/> its <c>offset</c>. CPython leaves both null for null bytes and reports line 0,
/// column -1 for encoding problems found before tokenizing (unknown codec, codec errors, BOM
/// conflicts); callers that need a real location should treat those as "line 1".
/// </summary>
public sealed record DecodeError(string Message, int? Line, int? Column);
