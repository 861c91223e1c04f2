using System.Diagnostics;
using GilScan.Syntax.Text;

namespace GilScan.Syntax.Tests.Text;

/// <summary>Named pipes and devices are told from regular files without opening them (opening a FIFO blocks).</summary>
public sealed class FileKindTests
{
    [SkippableFact]
    public void Stat_tells_regular_files_folders_pipes_devices_and_missing_paths_apart()
    {
        Skip.If(OperatingSystem.IsWindows(), "named pipes and device nodes are Unix files");
        var folder = Directory.CreateTempSubdirectory("gilscan-kinds-").FullName;
        try
        {
            var regular = Path.Combine(folder, "a.py");
            File.WriteAllText(regular, "x = 1\n");
            var pipe = MakeNamedPipe(Path.Combine(folder, "p.py"));
            var linkToDevice = Path.Combine(folder, "null.py");
            File.CreateSymbolicLink(linkToDevice, "/dev/null");

            FileKinds.Of(regular).ShouldBe(FileKind.Regular);
            FileKinds.Of(folder).ShouldBe(FileKind.Directory);
            FileKinds.Of(pipe).ShouldBe(FileKind.NamedPipe);
            FileKinds.Of(linkToDevice).ShouldBe(FileKind.CharacterDevice);
            FileKinds.Of(Path.Combine(folder, "missing.py")).ShouldBe(FileKind.Missing);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [SkippableFact]
    public void Parsing_a_named_pipe_by_path_is_an_error_line_and_never_blocks()
    {
        Skip.If(OperatingSystem.IsWindows(), "named pipes and device nodes are Unix files");
        var folder = Directory.CreateTempSubdirectory("gilscan-kinds-").FullName;
        try
        {
            var pipe = MakeNamedPipe(Path.Combine(folder, "p.py"));

            var parse = Task.Run(() => SyntaxTree.ParseFile(pipe));
            parse.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue("ParseFile opened the named pipe and blocked");

            var error = parse.Result.Error.ShouldNotBeNull();
            error.Message.ShouldBe("a named pipe (FIFO), not a regular file: skipped without opening it");
            (error.Line, error.Column).ShouldBe((null, null));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string MakeNamedPipe(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo") { ArgumentList = { path } })!;
        mkfifo.WaitForExit();
        mkfifo.ExitCode.ShouldBe(0);
        return path;
    }
}
