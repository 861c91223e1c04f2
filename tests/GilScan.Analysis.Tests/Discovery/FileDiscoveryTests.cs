using GilScan.Analysis.Discovery;

using GilScan.Testing;

namespace GilScan.Analysis.Tests.Discovery;

/// <summary>Which files a run analyses, on real folders.</summary>
public sealed class FileDiscoveryTests
{
    [Fact]
    public void Python_files_are_found_without_stubs_and_default_excludes_are_skipped()
    {
        using var temp = new TempDirectory();
        foreach (var file in new[] { "app/a.py", "app/a.pyi", "app/readme.txt", "app/sub/b.py", ".venv/lib/c.py", "build/gen.py", "node_modules/x/d.py", "venv/e.py", "app/site-packages/f.py", "app/__pycache__/g.py" })
        {
            temp.Write(file, "x = 1\n");
        }

        var found = Discover(temp.Path, DefaultExcludes.Patterns, [temp.Path]);

        found.Files.Select(f => f.RelativePath).ShouldBe(["app/a.py", "app/sub/b.py"]);
        found.Files[0].AbsolutePath.ShouldBe(temp.Combine("app/a.py"));
        found.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void A_python_environment_under_any_name_is_skipped_unless_it_is_an_input()
    {
        using var temp = new TempDirectory();
        foreach (var file in new[] { "app/a.py", "env/lib/python3.13/site-packages/pkg/b.py", "tools/py311/lib/c.py", "conda/lib/d.py", "env_lookalike/e.py" })
        {
            temp.Write(file, "x = 1\n");
        }

        temp.Write("env/pyvenv.cfg", "home = /usr/bin\n");
        temp.Write("tools/py311/pyvenv.cfg", "home = /usr/bin\n");
        temp.Write("conda/conda-meta/history", "");

        Discover(temp.Path, DefaultExcludes.Patterns, [temp.Path]).Files.Select(f => f.RelativePath)
            .ShouldBe(["app/a.py", "env_lookalike/e.py"]);
        Discover(temp.Path, DefaultExcludes.Patterns, [temp.Combine("tools/py311")]).Files.Select(f => f.RelativePath)
            .ShouldBe(["tools/py311/lib/c.py"]);
    }

    [Fact]
    public void Exclude_globs_match_names_anywhere_or_paths_from_the_root()
    {
        using var temp = new TempDirectory();
        foreach (var file in new[] { "src/keep.py", "src/api_pb2.py", "src/generated/x.py", "tools/generated/y.py", "docs/conf.py" })
        {
            temp.Write(file, "x = 1\n");
        }

        var found = Discover(temp.Path, ["*_pb2.py", "src/generated", "docs/**"], [temp.Path]);

        found.Files.Select(f => f.RelativePath).ShouldBe(["src/keep.py", "tools/generated/y.py"]);
    }

    [Fact]
    public void Nested_gitignore_files_apply_below_their_folder_and_may_re_include()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine(".git/info"));
        temp.Write(".git/info/exclude", "secret_*.py\n");
        temp.Write(".gitignore", "ignored/\n*_local.py\n");
        temp.Write("pkg/.gitignore", "!keep_local.py\nold.py\n");
        foreach (var file in new[] { "a.py", "a_local.py", "ignored/b.py", "pkg/keep_local.py", "pkg/other_local.py", "pkg/old.py", "old.py", "secret_key.py" })
        {
            temp.Write(file, "x = 1\n");
        }

        var found = Discover(temp.Path, DefaultExcludes.Patterns, [temp.Path]);

        found.Files.Select(f => f.RelativePath).ShouldBe(["a.py", "old.py", "pkg/keep_local.py"]);
    }

    [Fact]
    public void Gitignore_files_above_an_input_folder_apply_up_to_the_work_tree()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine(".git"));
        temp.Write(".gitignore", "*_gen.py\n");
        temp.Write("src/.gitignore", "skip.py\n");
        temp.Write("src/app/a.py", "x = 1\n");
        temp.Write("src/app/a_gen.py", "x = 1\n");
        temp.Write("src/app/skip.py", "x = 1\n");

        var found = Discover(temp.Path, DefaultExcludes.Patterns, [temp.Combine("src/app")]);

        found.Files.Select(f => f.RelativePath).ShouldBe(["src/app/a.py"]);
    }

    [Fact]
    public void Gitignore_can_be_turned_off()
    {
        using var temp = new TempDirectory();
        temp.Write(".gitignore", "*.py\n");
        temp.Write("a.py", "x = 1\n");

        new FileDiscovery(temp.Path, GlobSet.Empty, respectGitignore: false).Discover([temp.Path])
            .Files.Select(f => f.RelativePath).ShouldBe(["a.py"]);
    }

    [Fact]
    public void A_file_given_explicitly_is_analysed_whatever_the_excludes_say()
    {
        using var temp = new TempDirectory();
        var excluded = temp.Write("build/tool.py", "x = 1\n");
        var script = temp.Write("bin/run", "x = 1\n");

        var found = Discover(temp.Path, DefaultExcludes.Patterns, [excluded, script]);

        found.Files.Select(f => f.RelativePath).ShouldBe(["bin/run", "build/tool.py"]);
    }

    [Fact]
    public void A_symbolic_link_loop_is_reported_and_not_followed()
    {
        using var temp = new TempDirectory();
        temp.Write("pkg/a.py", "x = 1\n");
        Directory.CreateSymbolicLink(temp.Combine("pkg/again"), temp.Combine("pkg"));

        var found = Discover(temp.Path, DefaultExcludes.Patterns, [temp.Path]);

        found.Files.Select(f => f.RelativePath).ShouldBe(["pkg/a.py"]);
        var problem = found.Problems.ShouldHaveSingleItem();
        problem.Path.ShouldBe("pkg/again");
        problem.Message.ShouldBe("symbolic link loop: it points back to pkg, which is being walked; not followed");
    }

    [Fact]
    public void A_folder_reached_twice_through_links_is_analysed_once_under_its_real_path()
    {
        using var temp = new TempDirectory();
        temp.Write("real/a.py", "x = 1\n");
        Directory.CreateSymbolicLink(temp.Combine("alias"), temp.Combine("real"));
        File.CreateSymbolicLink(temp.Combine("b.py"), temp.Combine("real/a.py"));

        var found = Discover(temp.Path, DefaultExcludes.Patterns, [temp.Path]);

        found.Files.Select(f => f.RelativePath).ShouldBe(["real/a.py"]);
        found.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void A_broken_link_to_a_python_file_is_kept_so_that_reading_it_reports_GIL002()
    {
        using var temp = new TempDirectory();
        File.CreateSymbolicLink(temp.Combine("gone.py"), temp.Combine("missing.py"));

        var found = Discover(temp.Path, DefaultExcludes.Patterns, [temp.Path]);

        var file = found.Files.ShouldHaveSingleItem();
        file.RelativePath.ShouldBe("gone.py");
        GilScan.Analysis.Engine.SourceDocument.Read(file.RelativePath, file.AbsolutePath).ReadError.ShouldNotBeNull().ShouldStartWith("cannot read file: ");
    }

    [Fact]
    public void Unsupported_glob_syntax_is_named()
    {
        GlobSet.UnsupportedSyntax("src/*.py").ShouldBeNull();
        GlobSet.UnsupportedSyntax("test_?.py").ShouldBe("'?' is not supported in globs (only '*' and '**' are)");
        GlobSet.UnsupportedSyntax("../outside").ShouldBe("a glob must not climb out of the project with '..'");
        GlobSet.UnsupportedSyntax(" ").ShouldBe("a glob must not be empty");
    }

    [Fact]
    public void The_real_path_resolves_links_in_the_middle_of_a_path()
    {
        using var temp = new TempDirectory();
        temp.Write("target/inner/file.py", "x = 1\n");
        Directory.CreateSymbolicLink(temp.Combine("link"), "target");

        RealPath.Resolve(temp.Combine("link/inner/../inner/file.py")).ShouldBe(RealPath.Resolve(temp.Combine("target/inner/file.py")));
    }

    [UnixFact]
    public void Named_pipes_and_devices_in_a_folder_or_given_by_name_are_skipped_with_a_notice_and_never_opened()
    {
        using var temp = new TempDirectory();
        temp.Write("a.py", "x = 1\n");
        var pipe = SpecialFiles.MakeNamedPipe(temp.Combine("p.py"));
        File.CreateSymbolicLink(temp.Combine("zero.py"), "/dev/zero");
        temp.Write(".gitignore", "*.log\n");

        var inFolder = SpecialFiles.WithinSeconds(30, () => Discover(temp.Path, DefaultExcludes.Patterns, [temp.Path]));
        var byName = SpecialFiles.WithinSeconds(30, () => Discover(temp.Path, DefaultExcludes.Patterns, [pipe, temp.Combine("a.py")]));

        inFolder.Files.Select(f => f.RelativePath).ShouldBe(["a.py"]);
        inFolder.Problems.Select(p => $"{p.Path}: {p.Message}").ShouldBe(
        [
            "p.py: a named pipe (FIFO), not a regular file: skipped without opening it",
            "zero.py: a character device, not a regular file: skipped without opening it",
        ]);
        byName.Files.Select(f => f.RelativePath).ShouldBe(["a.py"]);
        byName.Problems.Select(p => $"{p.Path}: {p.Message}").ShouldBe(["p.py: a named pipe (FIFO), not a regular file: skipped without opening it"]);
    }

    [UnixFact]
    public void A_gitignore_that_is_a_named_pipe_is_not_read()
    {
        using var temp = new TempDirectory();
        temp.Write("a.py", "x = 1\n");
        SpecialFiles.MakeNamedPipe(temp.Combine(".gitignore"));

        var found = SpecialFiles.WithinSeconds(30, () => Discover(temp.Path, DefaultExcludes.Patterns, [temp.Path]));

        found.Files.Select(f => f.RelativePath).ShouldBe(["a.py"]);
    }

    private static DiscoveryResult Discover(string root, IEnumerable<string> excludes, IEnumerable<string> inputs) =>
        new FileDiscovery(root, new GlobSet(excludes), respectGitignore: true).Discover(inputs);
}
