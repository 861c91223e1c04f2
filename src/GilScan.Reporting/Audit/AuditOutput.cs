using System.Text;
using GilScan.Analysis.Diagnostics;
using GilScan.Sarif;

namespace GilScan.Reporting.Audit;

/// <summary>The formats <c>gilscan audit --format</c> writes.</summary>
public enum AuditFormat
{
    /// <summary>A Markdown page (for a pull request, a wiki, a terminal).</summary>
    Markdown,

    /// <summary>One self-contained HTML page.</summary>
    Html,

    /// <summary>SARIF 2.1.0 for IDE viewers (suppressed results kept, marked).</summary>
    Sarif,

    /// <summary>SARIF 2.1.0 for GitHub code scanning (suppressed results left out).</summary>
    SarifGitHub,
}

/// <summary>Renders a report in a format as the bytes to write: UTF-8 without a byte order mark, '\n' line ends.</summary>
public static class AuditOutput
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Parses a --format value: markdown (md), html, sarif, sarif-github; case-insensitive.</summary>
    public static bool TryParseFormat(string text, out AuditFormat format)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "markdown" or "md":
                format = AuditFormat.Markdown;
                return true;
            case "html":
                format = AuditFormat.Html;
                return true;
            case "sarif":
                format = AuditFormat.Sarif;
                return true;
            case "sarif-github" or "github":
                format = AuditFormat.SarifGitHub;
                return true;
            default:
                format = default;
                return false;
        }
    }

    public static byte[] Render(AuditReport report, AuditFormat format, ToolIdentity tool, RuleDocs? docs = null) => format switch
    {
        AuditFormat.Markdown => Utf8.GetBytes(MarkdownAuditRenderer.Render(report)),
        AuditFormat.Html => Utf8.GetBytes(HtmlAuditRenderer.Render(report)),
        AuditFormat.Sarif => AuditSarifRenderer.Render(report, tool, SarifProfile.Ide, docs).ToUtf8Bytes(),
        AuditFormat.SarifGitHub => AuditSarifRenderer.Render(report, tool, SarifProfile.GitHub, docs).ToUtf8Bytes(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
