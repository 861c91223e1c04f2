using System.Text;
using GilScan.Analysis.Diagnostics;

namespace GilScan.Sarif;

/// <summary>
/// Composes a result's SARIF message text. GitHub shows related locations only when the message
/// links to them as <c>[text](id)</c>, so a message with related locations ends with one link per
/// location, after the diagnostic's own sentence:
/// <c>'work' runs … core. Related: [hot loop in 'work'](1), [called from 'main'](2).</c>
/// In a message with links, literal '[', ']' and '\' are escaped with '\' as SARIF §3.11.6 requires.
/// </summary>
internal static class ResultMessages
{
    public static string Compose(Diagnostic diagnostic)
    {
        if (diagnostic.RelatedLocations.IsEmpty)
        {
            return diagnostic.Message;
        }

        var text = new StringBuilder(Escape(diagnostic.Message)).Append(" Related: ");
        for (var i = 0; i < diagnostic.RelatedLocations.Length; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            text.Append('[').Append(Escape(diagnostic.RelatedLocations[i].Message.TrimEnd('.'))).Append("](").Append(RelatedId(i)).Append(')');
        }

        return text.Append('.').ToString();
    }

    /// <summary>The SARIF <c>location.id</c> of the i-th related location (1-based, as the links use).</summary>
    public static int RelatedId(int index) => index + 1;

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal)
            .Replace("]", "\\]", StringComparison.Ordinal);
}
