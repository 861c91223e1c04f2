namespace GilScan.Syntax.Literals;

/// <summary>
/// The facts of a string literal's prefix letters (any case, any order): b, r, u, f, t.
/// CPython's <c>Constant.kind</c> is "u" only when the token starts with a lower-case 'u' (see <see cref="Kind"/>).
/// </summary>
public readonly record struct StringPrefix(bool IsBytes, bool IsRaw, bool HasUPrefix, bool IsFormatted, bool IsTemplate, bool StartsWithLowerU)
{
    /// <summary>The value of CPython's <c>Constant.kind</c> for this literal: "u" for a token starting with 'u', otherwise null.</summary>
    public string? Kind => StartsWithLowerU ? "u" : null;

    /// <summary>Reads the prefix letters before the first quote; null if they are not a valid Python prefix.</summary>
    public static StringPrefix? Read(ReadOnlySpan<char> token, out int length)
    {
        bool b = false, r = false, u = false, f = false, t = false;
        length = 0;
        while (length < token.Length && token[length] is not ('\'' or '"'))
        {
            ref bool letter = ref b;
            switch (char.ToLowerInvariant(token[length]))
            {
                case 'b': letter = ref b; break;
                case 'r': letter = ref r; break;
                case 'u': letter = ref u; break;
                case 'f': letter = ref f; break;
                case 't': letter = ref t; break;
                default: return null;
            }
            if (letter)
            {
                return null;
            }
            letter = true;
            length++;
        }
        // Python accepts u alone, and b, f or t (at most one) optionally with r.
        bool valid = u ? length == 1 : (b ? 1 : 0) + (f ? 1 : 0) + (t ? 1 : 0) <= 1;
        if (!valid || length >= token.Length)
        {
            return null;
        }
        return new StringPrefix(b, r, u, f, t, token.Length > 0 && token[0] == 'u');
    }
}
