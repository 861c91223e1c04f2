using System.Globalization;
using System.Text;

namespace GilScan.Sarif.Fingerprints;

/// <summary>
/// GitHub code scanning's <c>primaryLocationLineHash</c>, computed the way its upload step does, so
/// that results uploaded through the REST API (which does not compute it) match alerts across runs.
/// </summary>
/// <remarks>
/// The algorithm, as SARIF-CHECKLIST.md describes it: the file is read as UTF-8 text; spaces and
/// tabs are skipped; CR and CRLF count as one LF; an end-of-file marker (U+FFFF) follows the last
/// character. Each line's hash is a polynomial rolling hash, base 37 with 64-bit wrap-around, over
/// the 100 significant UTF-16 code units that start at the line's first significant unit (units past
/// the end count as 0). The value is the hash in lowercase hexadecimal without leading zeros, a
/// colon, and how many times that hash has occurred so far in the file, counting from 1.
/// </remarks>
public static class PrimaryLocationLineHash
{
    private const int WindowLength = 100;
    private const ulong Base = 37;
    private const char EndOfFile = '\uffff';

    /// <summary>The hash of every line of a file given as bytes (decoded as UTF-8, like the upload step); index 0 is line 1.</summary>
    public static IReadOnlyList<string> ForFile(ReadOnlySpan<byte> content) =>
        ForText(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetString(content));

    /// <summary>The hash of every line of <paramref name="text"/>; index 0 is line 1. A BOM, if present, counts as text.</summary>
    public static IReadOnlyList<string> ForText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (units, lineStarts) = SignificantUnits(text);
        var hashes = WindowHashes(units, lineStarts);

        var occurrences = new Dictionary<ulong, int>();
        var result = new string[hashes.Length];
        for (var line = 0; line < hashes.Length; line++)
        {
            var count = occurrences.GetValueOrDefault(hashes[line]) + 1;
            occurrences[hashes[line]] = count;
            result[line] = hashes[line].ToString("x", CultureInfo.InvariantCulture) + ":" + count.ToString(CultureInfo.InvariantCulture);
        }

        return result;
    }

    // The units that take part in the hash, and where in them each line starts.
    private static (List<char> Units, List<int> LineStarts) SignificantUnits(string text)
    {
        var units = new List<char>(text.Length + 1);
        var lineStarts = new List<int>();
        var atLineStart = true;
        var afterCarriageReturn = false;
        for (var i = 0; i <= text.Length; i++)
        {
            var unit = i < text.Length ? text[i] : EndOfFile;
            if (unit is ' ' or '\t' || (afterCarriageReturn && unit == '\n'))
            {
                afterCarriageReturn = false;
                continue;
            }

            afterCarriageReturn = unit == '\r';
            if (afterCarriageReturn)
            {
                unit = '\n';
            }

            if (atLineStart)
            {
                lineStarts.Add(units.Count);
                atLineStart = false;
            }

            atLineStart = unit == '\n';
            units.Add(unit);
        }

        return (units, lineStarts);
    }

    // hash(p) = sum over k in 0..99 of units[p + k] * 37^(99 - k), mod 2^64, for each line start p.
    private static ulong[] WindowHashes(List<char> units, List<int> lineStarts)
    {
        var baseToWindowLength = 1UL;
        for (var i = 0; i < WindowLength; i++)
        {
            baseToWindowLength = unchecked(baseToWindowLength * Base);
        }

        var hashes = new ulong[lineStarts.Count];
        var nextLine = 0;
        var hash = 0UL;
        for (var end = 0; end < units.Count + WindowLength && nextLine < lineStarts.Count; end++)
        {
            ulong incoming = end < units.Count ? units[end] : 0UL;
            ulong outgoing = end >= WindowLength ? units[end - WindowLength] : 0UL;
            hash = unchecked((hash * Base) + incoming - (outgoing * baseToWindowLength));

            var windowStart = end - WindowLength + 1;
            if (windowStart == lineStarts[nextLine])
            {
                hashes[nextLine++] = hash;
            }
        }

        return hashes;
    }
}
