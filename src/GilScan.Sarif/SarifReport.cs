using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Sarif;
using Newtonsoft.Json;

namespace GilScan.Sarif;

/// <summary>
/// A built SARIF log and what became of each diagnostic. Serialises with Newtonsoft (Sarif.Sdk's
/// contract) as indented JSON with '\n' line ends and a final newline, in UTF-8 without a BOM:
/// <c>SarifLog.Save</c> writes a BOM, which GitHub's upload rejects.
/// </summary>
public sealed class SarifReport
{
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly Lazy<byte[]> _bytes;

    internal SarifReport(SarifLog log, IReadOnlyList<ReportedResult> results, int absentCount)
    {
        Log = log;
        Results = results;
        AbsentCount = absentCount;
        _bytes = new Lazy<byte[]>(() => Utf8WithoutBom.GetBytes(Serialize(log)));
    }

    /// <summary>The object model; treat it as read-only (the bytes are computed once from it).</summary>
    public SarifLog Log { get; }

    /// <summary>Every input diagnostic in output order, with fingerprints and baseline state.</summary>
    public IReadOnlyList<ReportedResult> Results { get; }

    /// <summary>How many baseline results were not found again.</summary>
    public int AbsentCount { get; }

    /// <summary>The file's bytes: UTF-8 without BOM.</summary>
    public byte[] ToUtf8Bytes() => (byte[])_bytes.Value.Clone();

    public void WriteTo(Stream stream) => stream.Write(_bytes.Value);

    public void Save(string path) => File.WriteAllBytes(path, _bytes.Value);

    private static string Serialize(SarifLog log)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var json = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 2, IndentChar = ' ', CloseOutput = false })
        {
            JsonSerializer.Create(new JsonSerializerSettings
            {
                Formatting = Formatting.Indented,
                Culture = CultureInfo.InvariantCulture,
                ContractResolver = new ExplicitLevelContractResolver(),
            }).Serialize(json, log);
        }

        text.Write('\n');
        return text.ToString();
    }
}
