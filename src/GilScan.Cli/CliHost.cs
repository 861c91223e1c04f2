using System.Text;

namespace GilScan.Cli;

/// <summary>
/// What a command may touch of the process it runs in: its output streams, working folder,
/// environment and whether standard error is a terminal. The real process passes the console's;
/// tests pass writers and a folder of their own, so that commands run in-process side by side.
/// </summary>
public sealed record CliHost(TextWriter Out, TextWriter Error, string CurrentDirectory)
{
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>True when standard error is an interactive terminal (progress lines are shown only then).</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>True when standard output is an interactive terminal (<c>--color auto</c> colours only then).</summary>
    public bool OutIsTerminal { get; init; }

    /// <summary>Standard input, read whole (<c>gilscan check -</c>).</summary>
    public Func<byte[]> ReadStandardInput { get; init; } = () => [];

    /// <summary>The console, with UTF-8 output without a byte-order mark and '\n' line ends on every platform.</summary>
    public static CliHost FromConsole()
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        // The file descriptors themselves, not System.Console's streams: on a terminal those switch it to
        // keypad-transmit mode ("ESC[?1h ESC=") before the first byte, which no Python tool does.
        var output = new StreamWriter(Descriptor(1, FileAccess.Write), utf8, 1 << 16) { NewLine = "\n", AutoFlush = false };
        var error = new StreamWriter(Descriptor(2, FileAccess.Write), utf8) { NewLine = "\n", AutoFlush = true };
        return new CliHost(output, error, Environment.CurrentDirectory)
        {
            ErrorIsTerminal = !Console.IsErrorRedirected,
            OutIsTerminal = !Console.IsOutputRedirected,
            ReadStandardInput = () =>
            {
                using var input = Descriptor(0, FileAccess.Read);
                using var bytes = new MemoryStream();
                input.CopyTo(bytes);
                return bytes.ToArray();
            },
        };
    }

    private static FileStream Descriptor(int descriptor, FileAccess access) =>
        new(new Microsoft.Win32.SafeHandles.SafeFileHandle(descriptor, ownsHandle: false), access, bufferSize: 0);

    /// <summary>Resolves a path given on the command line against <see cref="CurrentDirectory"/>.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, CurrentDirectory);

    /// <summary>True when a CI system is known to run us (CI=true and friends): no progress lines then.</summary>
    public bool IsContinuousIntegration =>
        GetEnvironmentVariable("CI") is { Length: > 0 } ci && !ci.Equals("false", StringComparison.OrdinalIgnoreCase) && ci != "0";
}
