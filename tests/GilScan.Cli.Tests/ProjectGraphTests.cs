using System.Text.RegularExpressions;
using System.Xml.Linq;
using GilScan.Testing;

namespace GilScan.Cli.Tests;

/// <summary>The README's Layout section lists each project with the projects it references; the list
/// must say what the .csproj files say, so that the drawing of the architecture stays true.</summary>
public sealed partial class ProjectGraphTests
{
    [Fact]
    public void The_readme_lists_every_project_with_the_projects_it_references()
    {
        var projects = Directory.GetFiles(RepositoryRoot.Combine("src"), "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(RepositoryRoot.Combine("rules"), "*.csproj", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(
                path => Path.GetFileNameWithoutExtension(path),
                path => XDocument.Load(path).Descendants("ProjectReference")
                    .Select(reference => Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value.Replace('\\', '/')))
                    .Order(StringComparer.Ordinal)
                    .ToList());

        var listed = new Dictionary<string, List<string>>();
        foreach (Match line in GraphLine().Matches(File.ReadAllText(RepositoryRoot.Combine("README.md"))))
        {
            var references = line.Groups["refs"].Value.Trim();
            listed[line.Groups["project"].Value] = references == "(none)"
                ? []
                : [.. references.Split(',', StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal)];
        }

        listed.Keys.Order(StringComparer.Ordinal).ShouldBe(projects.Keys.Order(StringComparer.Ordinal));
        foreach (var (project, references) in projects)
        {
            listed[project].ShouldBe(references, $"the README's line for {project}");
        }
    }

    [GeneratedRegex(@"^(?<project>GilScan\.\w+)\s+-> (?<refs>.+)$", RegexOptions.Multiline)]
    private static partial Regex GraphLine();
}
