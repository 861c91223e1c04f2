using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using GilScan.Dependencies.Audit;
using GilScan.Reporting.Audit;
using GilScan.Rules.Dependencies;
using Xunit.Abstractions;

namespace GilScan.Reporting.Tests.Audit;

/// <summary>
/// The HTML report as a browser lays it out: headless Chromium (Debian's chromium, or GILSCAN_CHROMIUM)
/// loads each report in a frame of desktop (1280 px) and phone (390 px) width and measures it: no element
/// may stick out sideways, and the upgrade plan comes before the details. Screenshots of both widths
/// are kept in the test's output folder (bin/…/audit-screenshots/), so a change in layout can be seen.
/// </summary>
public sealed partial class HtmlLayoutTests(ITestOutputHelper output)
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "audit-screenshots");

    public static TheoryData<string, int> Pages => new()
    {
        { "audit-sample", 1280 }, { "audit-sample", 390 }, { "audit-markers", 1280 }, { "audit-markers", 390 },
        { "audit-races", 1280 }, { "audit-races", 390 },
    };

    [ChromiumTheory]
    [MemberData(nameof(Pages))]
    public void The_report_fits_the_width_with_the_plan_first_and_a_screenshot_is_kept(string page, int width)
    {
        var html = WritePage(page);
        var layout = Measure(html, width);
        output.WriteLine($"{page} at {width} px: {layout.GetRawText()}");

        layout.GetProperty("innerWidth").GetInt32().ShouldBe(width);
        layout.GetProperty("scrollWidth").GetInt32().ShouldBeLessThanOrEqualTo(width, "the page scrolls sideways");
        layout.GetProperty("wide").EnumerateArray().Select(e => e.GetString()).ShouldBeEmpty("elements stick out on the right");
        layout.GetProperty("plan").GetInt32().ShouldBeGreaterThan(0);
        layout.GetProperty("plan").GetInt32().ShouldBeLessThan(layout.GetProperty("details").GetInt32(), "the upgrade plan comes first");
        layout.GetProperty("absoluteLinks").GetInt32().ShouldBe(0, "file links must be relative to the repository");

        var png = Path.Combine(Screenshots, $"{page}-{width}.png");
        Chromium.Run($"--window-size={width},2400", $"--screenshot={png}", new Uri(html).AbsoluteUri);
        output.WriteLine($"screenshot: {png}");
        var header = File.ReadAllBytes(png).AsSpan(0, 24);
        header[..8].ToArray().ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        BinaryPrimitives.ReadInt32BigEndian(header[16..20]).ShouldBe(width);
    }

    private static string WritePage(string page)
    {
        Directory.CreateDirectory(Screenshots);
        var report = page switch
        {
            "audit-sample" => AuditReportBuilder.Build(FixtureProjects.AnalysedSample, CodeFindings.ForSample(), [CodeFindings.CpuBoundThreadTarget]),
            // The sample's blockers with the races of fixtures/projects/ft-race: the section's cards, their long
            // fix sentences and code spans must fit a phone too.
            "audit-races" => AuditReportBuilder.Build(FixtureProjects.AnalysedSample, CodeFindings.ForRaceProject()),
            _ => MarkersReport(),
        };
        var path = Path.Combine(Screenshots, page + ".html");
        File.WriteAllText(path, HtmlAuditRenderer.Render(report));
        return path;
    }

    /// <summary>fixtures/dependencies/uv-markers for 3.13t: a transitive blocker, markers that exclude packages, a fallback.</summary>
    internal static AuditReport MarkersReport() =>
        AuditReportBuilder.Build(FixtureProjects.Analyze(RepositoryRoot.Combine("fixtures", "dependencies", "uv-markers"),
            new DependencyAuditOptions { Target = FreeThreadedTarget.Python313t, FindProjectEnvironment = false }));

    // The page is loaded in a frame of the given width (a headless window is at least 500 px wide), and
    // a script in the outer page measures it once loaded and writes the figures into the DOM Chromium dumps.
    private static JsonElement Measure(string html, int width)
    {
        var probe = Path.Combine(Screenshots, $"probe-{Path.GetFileNameWithoutExtension(html)}-{width}.html");
        File.WriteAllText(probe, $$"""
            <!DOCTYPE html><html><body style="margin:0">
            <iframe id="f" src="{{Path.GetFileName(html)}}" style="width:{{width}}px;height:900px;border:0"></iframe>
            <script>
            document.getElementById('f').addEventListener('load', () => {
              const w = document.getElementById('f').contentWindow, doc = w.document;
              const top = id => { const e = doc.getElementById(id); return e ? Math.round(e.getBoundingClientRect().top + w.scrollY) : -1; };
              const wide = [...doc.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > w.innerWidth + 1)
                .map(e => e.tagName + (e.id ? '#' + e.id : '') + ' ' + (e.textContent || '').slice(0, 40)).slice(0, 5);
              const absoluteLinks = [...doc.querySelectorAll('a[href]')].filter(a => /^(file:|\/)/.test(a.getAttribute('href'))).length;
              const out = document.createElement('pre'); out.id = 'layout';
              out.textContent = JSON.stringify({ innerWidth: w.innerWidth, scrollWidth: doc.documentElement.scrollWidth,
                plan: top('plan'), details: top('details'), wide, absoluteLinks });
              document.body.appendChild(out);
            });
            </script></body></html>
            """);
        var dom = Chromium.Run("--window-size=1400,1000", "--allow-file-access-from-files", "--dump-dom", new Uri(probe).AbsoluteUri);
        var match = LayoutPre().Match(dom);
        match.Success.ShouldBeTrue($"the probe wrote no figures; Chromium printed: {dom[..Math.Min(dom.Length, 400)]}");
        return JsonDocument.Parse(System.Net.WebUtility.HtmlDecode(match.Groups["json"].Value)).RootElement.Clone();
    }

    [GeneratedRegex("<pre id=\"layout\">(?<json>.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex LayoutPre();
}

/// <summary>Runs Debian's headless Chromium with the flags the issue names, one fresh profile per run.</summary>
internal static class Chromium
{
    public static string? Path { get; } = Environment.GetEnvironmentVariable("GILSCAN_CHROMIUM") is { Length: > 0 } given ? given
        : new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    public static string? SkipReason => Path is null ? "chromium is not installed (apt-get install chromium, or set GILSCAN_CHROMIUM)" : null;

    public static string Run(params string[] arguments)
    {
        var profile = Directory.CreateTempSubdirectory("gilscan-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(Path!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--hide-scrollbars", $"--user-data-dir={profile}" }.Concat(arguments))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish within 2 minutes");
            }

            process.ExitCode.ShouldBe(0, stderr.Result);
            return stdout.Result;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}

/// <summary>A theory that is skipped, with the reason, where Chromium is not installed.</summary>
internal sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute() => Skip = Chromium.SkipReason;
}
