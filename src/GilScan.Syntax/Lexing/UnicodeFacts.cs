using System.Globalization;

namespace GilScan.Syntax.Lexing;

/// <summary>Unicode facts the lexer's error messages need.</summary>
internal static class UnicodeFacts
{
    /// <summary>
    /// CPython's <c>str.isprintable()</c> for one character: everything except the "Other" and
    /// "Separator" categories, with the space character allowed.
    /// </summary>
    public static bool IsPrintable(int codePoint)
    {
        if (codePoint == ' ')
        {
            return true;
        }

        return CharUnicodeInfo.GetUnicodeCategory(codePoint) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }
}
