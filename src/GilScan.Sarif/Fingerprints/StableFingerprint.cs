using System.Security.Cryptography;
using System.Text;

namespace GilScan.Sarif.Fingerprints;

/// <summary>
/// gilscan's own line-independent fingerprint, <c>partialFingerprints["gilscan/v1"]</c>: the same
/// finding keeps it when code above it moves or is reformatted, so baselines match it across runs.
/// </summary>
/// <remarks>
/// Input: rule id, project-relative path, a normalised key (the rule's symbol, or the primary
/// location's source text without white space) and the occurrence index of that triple in the
/// file (0 for the first, in position order). Value: the first 128 bits of SHA-256 over those four
/// fields joined by NUL characters, as 32 lowercase hex digits. Changing any of this is a new
/// version (gilscan/v2), never an edit of v1.
/// </remarks>
public static class StableFingerprint
{
    public const string Key = "gilscan/v1";

    public static string Compute(string ruleId, string path, string normalisedKey, int occurrence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(occurrence);
        var input = string.Join('\0', ruleId, path, normalisedKey, occurrence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(input));
        return Convert.ToHexStringLower(digest.AsSpan(0, 16));
    }

    /// <summary>Removes all white space, so that reindenting or rewrapping code keeps the key.</summary>
    public static string NormaliseCode(string code) =>
        string.Concat(code.Where(c => !char.IsWhiteSpace(c)));
}
