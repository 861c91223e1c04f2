namespace GilScan.Dependencies.Binary;

/// <summary>
/// Reads a PE/COFF DLL (.pyd): section table, export names, the import table (DLL names and imported
/// function names), and base relocations. Addresses are RVAs; a relocated pointer field holds
/// ImageBase + RVA in the file, so its target RVA is the stored value minus ImageBase.
/// </summary>
internal static class PeReader
{
    private const uint ScnExecute = 0x20000000;
    private const uint ScnWrite = 0x80000000;
    private const uint ScnUninitialized = 0x80;

    public static bool IsPe(ReadOnlySpan<byte> data)
    {
        if (data.Length < 0x40 || data[0] != (byte)'M' || data[1] != (byte)'Z')
        {
            return false;
        }

        var peOffset = BitConverter.ToInt32(data[0x3C..0x40]);
        return peOffset > 0 && peOffset + 4 <= data.Length && data[peOffset] == (byte)'P' && data[peOffset + 1] == (byte)'E'
               && data[peOffset + 2] == 0 && data[peOffset + 3] == 0;
    }

    public static BinaryImage Read(ReadOnlyMemory<byte> memory)
    {
        var r = new ByteReader(memory.Span, true);
        long pe = r.U32(0x3C);
        var machine = r.U16(pe + 4);
        int sectionCount = r.U16(pe + 6);
        int optionalSize = r.U16(pe + 20);
        var optional = pe + 24;
        var magic = r.U16(optional);
        var is64 = magic switch
        {
            0x20B => true,
            0x10B => false,
            _ => throw new BadImageException($"unknown PE optional header magic 0x{magic:X}"),
        };
        var imageBase = is64 ? r.U64(optional + 24) : r.U32(optional + 28);
        var directoryCount = r.U32(optional + (is64 ? 108 : 92));
        var directories = optional + (is64 ? 112 : 96);
        var image = new BinaryImage(BinaryFormat.Pe, Machine(machine), is64, true, memory);
        var sectionTable = optional + optionalSize;
        for (var i = 0; i < sectionCount; i++)
        {
            var at = sectionTable + i * 40L;
            var name = System.Text.Encoding.ASCII.GetString(r.Slice(at, 8)).TrimEnd('\0');
            var virtualSize = r.U32(at + 8);
            var rva = r.U32(at + 12);
            var rawSize = r.U32(at + 16);
            var rawOffset = r.U32(at + 20);
            var flags = r.U32(at + 36);
            var fileSize = Math.Min(rawSize, virtualSize == 0 ? rawSize : virtualSize);
            image.AddSection(new ImageSection(name, rva, rawOffset, fileSize, (flags & ScnExecute) != 0,
                (flags & ScnWrite) != 0, (flags & ScnUninitialized) == 0 && rawSize > 0, Math.Max(virtualSize, rawSize)));
        }

        ReadExports(r, image, Directory(r, directories, directoryCount, 0));
        ReadImports(r, image, Directory(r, directories, directoryCount, 1), is64);
        ReadBaseRelocations(r, image, Directory(r, directories, directoryCount, 5), imageBase);
        return image;
    }

    private static (uint Rva, uint Size) Directory(ByteReader r, long directories, uint count, int index) =>
        index < count ? (r.U32(directories + index * 8L), r.U32(directories + index * 8L + 4)) : (0, 0);

    private static long? FileOffset(BinaryImage image, ulong rva)
    {
        foreach (var section in image.Sections)
        {
            if (section.HasFileData && rva >= section.Address && rva < section.Address + (ulong)section.FileSize)
            {
                return section.FileOffset + (long)(rva - section.Address);
            }
        }

        return null;
    }

    private static void ReadExports(ByteReader r, BinaryImage image, (uint Rva, uint Size) directory)
    {
        if (directory.Rva == 0 || FileOffset(image, directory.Rva) is not { } at)
        {
            return;
        }

        var nameCount = r.U32(at + 24);
        if (nameCount > 100_000 || FileOffset(image, r.U32(at + 32)) is not { } names)
        {
            return;
        }

        for (var i = 0; i < nameCount; i++)
        {
            if (FileOffset(image, r.U32(names + i * 4L)) is { } name)
            {
                image.ExportedSymbols.Add(r.CString(name));
            }
        }
    }

    private static void ReadImports(ByteReader r, BinaryImage image, (uint Rva, uint Size) directory, bool is64)
    {
        if (directory.Rva == 0 || FileOffset(image, directory.Rva) is not { } at)
        {
            return;
        }

        for (var descriptor = at; descriptor + 20 <= r.Length; descriptor += 20)
        {
            var lookup = r.U32(descriptor);
            var nameRva = r.U32(descriptor + 12);
            var thunks = r.U32(descriptor + 16);
            if (lookup == 0 && nameRva == 0 && thunks == 0)
            {
                break;
            }

            if (FileOffset(image, nameRva) is { } dllName)
            {
                image.LinkedLibraries.Add(r.CString(dllName));
            }

            if (FileOffset(image, lookup != 0 ? lookup : thunks) is not { } thunk)
            {
                continue;
            }

            var size = is64 ? 8 : 4;
            for (var entry = thunk; entry + size <= r.Length; entry += size)
            {
                var value = r.Word(entry, is64);
                if (value == 0)
                {
                    break;
                }

                var byOrdinal = is64 ? (value & 0x8000000000000000) != 0 : (value & 0x80000000) != 0;
                if (!byOrdinal && FileOffset(image, value & 0x7FFFFFFF) is { } hintName)
                {
                    image.ImportedSymbols.Add(r.CString(hintName + 2));
                }
            }
        }
    }

    private static void ReadBaseRelocations(ByteReader r, BinaryImage image, (uint Rva, uint Size) directory, ulong imageBase)
    {
        if (directory.Rva == 0 || FileOffset(image, directory.Rva) is not { } start)
        {
            return;
        }

        var end = Math.Min(start + directory.Size, r.Length);
        for (var block = start; block + 8 <= end;)
        {
            var page = r.U32(block);
            var blockSize = r.U32(block + 4);
            if (blockSize < 8)
            {
                break;
            }

            for (var entry = block + 8; entry + 2 <= block + blockSize && entry + 2 <= end; entry += 2)
            {
                var value = r.U16(entry);
                var type = value >> 12;
                if (type is not (3 or 10))
                {
                    continue; // 3 = HIGHLOW (32-bit), 10 = DIR64; 0 is padding
                }

                var field = (ulong)page + (ulong)(value & 0xFFF);
                image.AddRelocation(field, image.TryReadPointer(field, out var stored) && stored >= imageBase ? stored - imageBase : null);
            }

            block += blockSize;
        }
    }

    private static string Machine(ushort machine) => machine switch
    {
        0x8664 => "x86_64",
        0x14C => "i386",
        0xAA64 => "arm64",
        0x1C4 => "arm",
        _ => $"pe-machine-0x{machine:X}",
    };
}
