using System.Runtime.InteropServices;

namespace GilScan.Syntax.Text;

/// <summary>What a path names on disk, after following symbolic links.</summary>
public enum FileKind
{
    /// <summary>Nothing (or a broken link): reading it fails with a clear error.</summary>
    Missing,

    /// <summary>A regular file: the only kind gilscan reads.</summary>
    Regular,

    Directory,

    /// <summary>A named pipe: opening it for reading blocks until a writer appears, possibly forever.</summary>
    NamedPipe,

    CharacterDevice,

    BlockDevice,

    Socket,

    /// <summary>A kind this platform reports that none of the above names.</summary>
    Other,
}

/// <summary>
/// Tells a regular file from a named pipe, a device or a socket without opening it. .NET's
/// <see cref="FileInfo"/> reports all of these as ordinary files (and opening a FIFO blocks), so the
/// kind comes from stat(2), through the runtime's own native shim (<c>libSystem.Native</c>, shipped with
/// every .NET runtime on Unix), whose status record starts with two 32-bit fields: flags, then st_mode.
/// </summary>
public static class FileKinds
{
    private const int TypeMask = 0xF000;

    public static FileKind Of(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            // No FIFOs or device nodes in a Windows folder tree; the attributes tell files from folders.
            return Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;
        }

        // Larger than every version's status record; only the mode at offset 4 is read.
        var status = new byte[256];
        if (NativeStat.SystemNative_Stat(path, status) != 0)
        {
            return FileKind.Missing;
        }

        return (BitConverter.ToInt32(status, 4) & TypeMask) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.NamedPipe,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
    }

    /// <summary>How a message names a kind ("a named pipe (FIFO)").</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.NamedPipe => "a named pipe (FIFO)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.Directory => "a folder",
        FileKind.Missing => "missing",
        FileKind.Regular => "a regular file",
        _ => "not a regular file",
    };

    /// <summary>The message for a path that is not read because it is not a regular file.</summary>
    public static string NotReadMessage(FileKind kind) => $"{Describe(kind)}, not a regular file: skipped without opening it";

    private static class NativeStat
    {
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
        internal static extern int SystemNative_Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] output);
    }
}
