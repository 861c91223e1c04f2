using System.Text;

namespace GilScan.Syntax.Literals;

/// <summary>
/// CPython stores every identifier in NFKC form (PEP 3131), so <c>ﬁle</c> and <c>file</c> are one
/// name. ASCII identifiers, nearly all of them, are returned as they are without normalising.
/// </summary>
public static class IdentifierNormalizer
{
    public static string Normalize(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (Ascii.IsValid(identifier))
        {
            return identifier;
        }
        try
        {
            return identifier.IsNormalized(NormalizationForm.FormKC) ? identifier : identifier.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Lone surrogates cannot be normalised; CPython would have rejected such a name earlier.
            return identifier;
        }
    }
}
