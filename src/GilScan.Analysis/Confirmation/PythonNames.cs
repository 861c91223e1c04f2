using System.Globalization;

namespace GilScan.Analysis.Confirmation;

/// <summary>Python identifier rules (PEP 3131, simplified to the Unicode categories it names).</summary>
public static class PythonNames
{
    public static bool IsIdentifier(string text) =>
        !string.IsNullOrEmpty(text) && IsStart(text[0]) && text.Skip(1).All(IsContinue);

    /// <summary>A dotted name such as <c>pkg.mod</c> or <c>Class.method</c>.</summary>
    public static bool IsDottedName(string text) =>
        !string.IsNullOrEmpty(text) && text.Split('.').All(IsIdentifier);

    private static bool IsStart(char c) => c == '_' || char.GetUnicodeCategory(c) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;

    private static bool IsContinue(char c) => IsStart(c) || char.GetUnicodeCategory(c) is
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber
        or UnicodeCategory.ConnectorPunctuation;
}
