using System.Buffers.Binary;

namespace GilScan.Dependencies.Binary;

/// <summary>
/// Reads Mach-O images, thin or fat (universal2: one slice per architecture, each scanned on its own):
/// segments and sections, the symbol table (undefined external = imported, section-defined external =
/// exported; the leading '_' of C names is removed), linked dylibs, and pointer targets. Pointer fields
/// under LC_DYLD_CHAINED_FIXUPS hold encoded rebase entries rather than addresses; the scan decodes the
/// target from the low 36 bits (the DYLD_CHAINED_PTR_64 layouts) and otherwise takes a non-zero field in a
/// data section as a pointer — constants such as the slot IDs and 0/1 values are not affected.
/// </summary>
internal static class MachOReader
{
    private const uint Magic64 = 0xFEEDFACF;
    private const uint Magic32 = 0xFEEDFACE;
    private const uint FatMagic = 0xCAFEBABE;
    private const uint FatMagic64 = 0xCAFEBABF;

    public static bool IsMachO(ReadOnlySpan<byte> data)
    {
        if (data.Length < 8)
        {
            return false;
        }

        var little = BinaryPrimitives.ReadUInt32LittleEndian(data);
        var big = BinaryPrimitives.ReadUInt32BigEndian(data);
        // Java class files share the fat magic; a real fat header has a handful of architectures.
        return little is Magic64 or Magic32 || big is Magic64 or Magic32
               || (big is FatMagic or FatMagic64 && BinaryPrimitives.ReadUInt32BigEndian(data[4..]) is > 0 and < 20);
    }

    /// <summary>One image per architecture slice.</summary>
    public static IReadOnlyList<BinaryImage> Read(ReadOnlyMemory<byte> memory)
    {
        var span = memory.Span;
        var big = BinaryPrimitives.ReadUInt32BigEndian(span);
        if (big is not (FatMagic or FatMagic64))
        {
            return [ReadThin(memory)];
        }

        var r = new ByteReader(span, false);
        var count = r.U32(4);
        var images = new List<BinaryImage>();
        for (var i = 0; i < count; i++)
        {
            long offset, size;
            if (big == FatMagic)
            {
                var at = 8 + i * 20L;
                offset = r.U32(at + 8);
                size = r.U32(at + 12);
            }
            else
            {
                var at = 8 + i * 32L;
                offset = (long)r.U64(at + 8);
                size = (long)r.U64(at + 16);
            }

            if (offset < 0 || size <= 0 || offset + size > span.Length)
            {
                throw new BadImageException($"fat Mach-O slice {i} lies outside the file");
            }

            images.Add(ReadThin(memory.Slice((int)offset, (int)size)));
        }

        return images;
    }

    private static BinaryImage ReadThin(ReadOnlyMemory<byte> memory)
    {
        var span = memory.Span;
        var magicLe = BinaryPrimitives.ReadUInt32LittleEndian(span);
        var little = magicLe is Magic64 or Magic32;
        var r = new ByteReader(span, little);
        var magic = r.U32(0);
        var is64 = magic == Magic64;
        var cpu = r.U32(4);
        var commandCount = r.U32(16);
        var image = new BinaryImage(BinaryFormat.MachO, Cpu(cpu), is64, little, memory);
        long at = is64 ? 32 : 28;
        var sectionFlags = new List<uint>();
        var hasChainedFixups = false;
        for (var i = 0; i < commandCount; i++)
        {
            var command = r.U32(at);
            var size = r.U32(at + 4);
            if (size < 8)
            {
                throw new BadImageException($"Mach-O load command {i} has size {size}");
            }

            switch (command)
            {
                case 0x19: // LC_SEGMENT_64
                    ReadSections(r, image, at, is64: true);
                    break;
                case 0x1: // LC_SEGMENT
                    ReadSections(r, image, at, is64: false);
                    break;
                case 0x2: // LC_SYMTAB
                    ReadSymbols(r, image, r.U32(at + 8), r.U32(at + 12), r.U32(at + 16), is64);
                    break;
                case 0xC or 0x18 or 0x8000001F or 0x80000018: // LC_LOAD_DYLIB, LC_LOAD_WEAK_DYLIB, LC_REEXPORT_DYLIB, LC_LOAD_UPWARD_DYLIB
                    image.LinkedLibraries.Add(r.CString(at + r.U32(at + 8)));
                    break;
                case 0x80000034: // LC_DYLD_CHAINED_FIXUPS
                    hasChainedFixups = true;
                    break;
            }

            at += size;
        }

        CollectPointers(image, hasChainedFixups);
        return image;
    }

    private static void ReadSections(ByteReader r, BinaryImage image, long command, bool is64)
    {
        var segmentName = System.Text.Encoding.ASCII.GetString(r.Slice(command + 8, 16)).TrimEnd('\0');
        var initialProtection = r.U32(command + (is64 ? 60 : 44));
        var sectionCount = r.U32(command + (is64 ? 64 : 48));
        var first = command + (is64 ? 72 : 56);
        var sectionSize = is64 ? 80 : 68;
        for (var i = 0; i < sectionCount; i++)
        {
            var at = first + i * (long)sectionSize;
            var name = System.Text.Encoding.ASCII.GetString(r.Slice(at, 16)).TrimEnd('\0');
            var address = is64 ? r.U64(at + 32) : r.U32(at + 32);
            var size = is64 ? (long)r.U64(at + 40) : r.U32(at + 36);
            long offset = r.U32(at + (is64 ? 48 : 40));
            var flags = r.U32(at + (is64 ? 64 : 56));
            var type = flags & 0xFF;
            var zeroFill = type is 0x1 or 0xC or 0x12; // S_ZEROFILL, S_GB_ZEROFILL, S_THREAD_LOCAL_ZEROFILL
            var executable = (flags & 0x80000000) != 0 || (flags & 0x400) != 0;
            image.AddSection(new ImageSection($"{segmentName},{name}", address, offset, zeroFill ? 0 : size,
                executable, (initialProtection & 2) != 0, !zeroFill && offset != 0, size));
        }
    }

    private static void ReadSymbols(ByteReader r, BinaryImage image, uint symbolOffset, uint count, uint stringOffset, bool is64)
    {
        var entrySize = is64 ? 16 : 12;
        for (var i = 0; i < count; i++)
        {
            var at = symbolOffset + i * (long)entrySize;
            var nameIndex = r.U32(at);
            var type = r.U8(at + 4);
            if ((type & 0xE0) != 0 || nameIndex == 0)
            {
                continue; // debugging (stab) entry
            }

            var name = r.CString(stringOffset + nameIndex);
            name = name.StartsWith('_') ? name[1..] : name;
            var external = (type & 0x01) != 0;
            var kind = type & 0x0E;
            if (external && kind == 0x0)
            {
                image.ImportedSymbols.Add(name);
            }
            else if (external && kind == 0xE)
            {
                image.ExportedSymbols.Add(name);
            }
        }
    }

    /// <summary>
    /// Marks every pointer-sized field of the data sections whose value (or chained-fixup target) lies
    /// inside the image as a pointer. Mach-O has no per-field relocation list that is cheap to read
    /// (rebase opcodes or fixup chains), so this is the documented approximation the slot finder relies on.
    /// </summary>
    private static void CollectPointers(BinaryImage image, bool chainedFixups)
    {
        var mapped = image.Sections.Where(s => s.FileSize > 0).ToList();
        if (mapped.Count == 0)
        {
            return;
        }

        var low = mapped.Min(s => s.Address);
        var high = mapped.Max(s => s.Address + (ulong)s.FileSize);
        bool InImage(ulong target) => target >= low && target < high;
        foreach (var section in image.Sections.Where(s => s.HasFileData && !s.IsExecutable))
        {
            for (var address = section.Address; address + (ulong)image.PointerSize <= section.Address + (ulong)section.FileSize;
                 address += (ulong)image.PointerSize)
            {
                if (!image.TryReadPointer(address, out var value) || value == 0)
                {
                    continue;
                }

                // Small constants (slot IDs, 0/1 flags) are not addresses inside the image, so they stay data.
                var target = InImage(value) ? value : chainedFixups && image.Is64Bit && InImage(value & 0xF_FFFF_FFFF) ? value & 0xF_FFFF_FFFF : (ulong?)null;
                if (target is { } t)
                {
                    image.AddRelocation(address, t);
                }
            }
        }
    }

    private static string Cpu(uint cpu) => cpu switch
    {
        0x01000007 => "x86_64",
        0x0100000C => "arm64",
        7 => "i386",
        12 => "arm",
        0x01000012 => "ppc64",
        18 => "ppc",
        _ => $"macho-cpu-0x{cpu:X}",
    };
}
