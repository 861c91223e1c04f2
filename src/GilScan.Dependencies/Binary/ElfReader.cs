namespace GilScan.Dependencies.Binary;

/// <summary>
/// Reads the parts of an ELF shared object the scan needs, from the section headers: dynamic symbols
/// (undefined = imported, defined global = exported), and every relocation in SHT_REL, SHT_RELA and
/// SHT_RELR sections. RELA targets come from the addend (x86-64 and aarch64 linkers may leave the field
/// itself zero), REL and RELR targets from the bytes in place.
/// </summary>
internal static class ElfReader
{
    private const uint SectionRela = 4;
    private const uint SectionRel = 9;
    private const uint SectionDynsym = 11;
    private const uint SectionRelr = 19;
    private const uint SectionNoBits = 8;
    private const ulong FlagWrite = 1;
    private const ulong FlagAlloc = 2;
    private const ulong FlagExec = 4;

    public static bool IsElf(ReadOnlySpan<byte> data) =>
        data.Length >= 16 && data[0] == 0x7F && data[1] == (byte)'E' && data[2] == (byte)'L' && data[3] == (byte)'F';

    public static BinaryImage Read(ReadOnlyMemory<byte> memory)
    {
        var span = memory.Span;
        var is64 = span[4] switch
        {
            1 => false,
            2 => true,
            _ => throw new BadImageException($"unknown ELF class {span[4]}"),
        };
        var little = span[5] switch
        {
            1 => true,
            2 => false,
            _ => throw new BadImageException($"unknown ELF byte order {span[5]}"),
        };
        var r = new ByteReader(span, little);
        var machine = r.U16(18);
        var image = new BinaryImage(BinaryFormat.Elf, Machine(machine), is64, little, memory);
        long shoff = (long)(is64 ? r.U64(0x28) : r.U32(0x20));
        int shentsize = r.U16(is64 ? 0x3A : 0x2E);
        int shnum = r.U16(is64 ? 0x3C : 0x30);
        int shstrndx = r.U16(is64 ? 0x3E : 0x32);
        if (shoff == 0 || shnum == 0)
        {
            image.Warnings.Add("ELF file has no section headers; symbols and data were not scanned");
            return image;
        }

        var headers = new List<SectionHeader>();
        for (var i = 0; i < shnum; i++)
        {
            var at = shoff + (long)i * shentsize;
            headers.Add(is64
                ? new SectionHeader(r.U32(at), r.U32(at + 4), r.U64(at + 8), r.U64(at + 16), (long)r.U64(at + 24), (long)r.U64(at + 32), r.U32(at + 40), (long)r.U64(at + 56))
                : new SectionHeader(r.U32(at), r.U32(at + 4), r.U32(at + 8), r.U32(at + 12), r.U32(at + 16), r.U32(at + 20), r.U32(at + 24), r.U32(at + 36)));
        }

        var names = shstrndx < headers.Count ? headers[shstrndx] : null;
        foreach (var header in headers)
        {
            var name = names is null ? "" : SafeString(r, names.Offset + header.NameIndex);
            if ((header.Flags & FlagAlloc) != 0)
            {
                var hasData = header.Type != SectionNoBits;
                image.AddSection(new ImageSection(name, header.Address, header.Offset, hasData ? header.Size : 0,
                    (header.Flags & FlagExec) != 0, (header.Flags & FlagWrite) != 0, hasData, header.Size));
            }
        }

        var dynamicSymbols = new List<(string Name, ulong Value, bool Defined)>();
        foreach (var header in headers.Where(h => h.Type == SectionDynsym && h.Link < headers.Count))
        {
            var strings = headers[(int)header.Link];
            var entrySize = header.EntrySize != 0 ? header.EntrySize : is64 ? 24 : 16;
            for (long at = header.Offset; at + entrySize <= header.Offset + header.Size; at += entrySize)
            {
                var nameIndex = r.U32(at);
                var info = is64 ? r.U8(at + 4) : r.U8(at + 12);
                var sectionIndex = is64 ? r.U16(at + 6) : r.U16(at + 14);
                var value = is64 ? r.U64(at + 8) : r.U32(at + 4);
                var name = nameIndex == 0 ? "" : SafeString(r, strings.Offset + nameIndex);
                dynamicSymbols.Add((name, value, sectionIndex != 0));
                if (name.Length == 0)
                {
                    continue;
                }

                var binding = info >> 4;
                if (sectionIndex == 0)
                {
                    image.ImportedSymbols.Add(name);
                }
                else if (binding is 1 or 2)
                {
                    image.ExportedSymbols.Add(name);
                }
            }
        }

        foreach (var header in headers)
        {
            switch (header.Type)
            {
                case SectionRela:
                case SectionRel:
                    ReadRelocations(r, image, header, header.Type == SectionRela, machine, dynamicSymbols);
                    break;
                case SectionRelr:
                    ReadRelr(r, image, header);
                    break;
            }
        }

        return image;
    }

    private static void ReadRelocations(
        ByteReader r, BinaryImage image, SectionHeader header, bool hasAddend, ushort machine,
        List<(string Name, ulong Value, bool Defined)> symbols)
    {
        var is64 = image.Is64Bit;
        var entrySize = header.EntrySize != 0 ? header.EntrySize : (is64 ? 8 : 4) * (hasAddend ? 3 : 2);
        for (long at = header.Offset; at + entrySize <= header.Offset + header.Size; at += entrySize)
        {
            var offset = r.Word(at, is64);
            var info = r.Word(at + (is64 ? 8 : 4), is64);
            var type = is64 ? (uint)(info & 0xFFFFFFFF) : (uint)(info & 0xFF);
            var symbolIndex = is64 ? (int)(info >> 32) : (int)(info >> 8);
            ulong? addend = hasAddend ? r.Word(at + (is64 ? 16 : 8), is64) : null;
            ulong? target = null;
            if (IsRelative(machine, type))
            {
                target = addend ?? (image.TryReadPointer(offset, out var inPlace) ? inPlace : null);
            }
            else if (symbolIndex > 0 && symbolIndex < symbols.Count && symbols[symbolIndex].Defined)
            {
                // An absolute pointer to a defined symbol (R_X86_64_64 against a local object, say).
                target = symbols[symbolIndex].Value + (addend ?? 0);
            }

            image.AddRelocation(offset, target);
        }
    }

    /// <summary>SHT_RELR packs relative relocations as addresses and bitmaps (the generic ABI's encoding).</summary>
    private static void ReadRelr(ByteReader r, BinaryImage image, SectionHeader header)
    {
        var word = (ulong)image.PointerSize;
        var bits = image.PointerSize * 8;
        ulong where = 0;
        for (long at = header.Offset; at + (long)word <= header.Offset + header.Size; at += (long)word)
        {
            var entry = r.Word(at, image.Is64Bit);
            if ((entry & 1) == 0)
            {
                AddRelative(image, entry);
                where = entry + word;
                continue;
            }

            for (var i = 0; i < bits - 1; i++)
            {
                if (((entry >> (i + 1)) & 1) != 0)
                {
                    AddRelative(image, where + (ulong)i * word);
                }
            }

            where += (ulong)(bits - 1) * word;
        }

        static void AddRelative(BinaryImage image, ulong field) =>
            image.AddRelocation(field, image.TryReadPointer(field, out var target) ? target : null);
    }

    private static bool IsRelative(ushort machine, uint type) => (machine, type) switch
    {
        (62, 8) => true, // x86-64 R_X86_64_RELATIVE
        (3, 8) => true, // i386 R_386_RELATIVE
        (183, 1027) => true, // aarch64 R_AARCH64_RELATIVE
        (40, 23) => true, // arm R_ARM_RELATIVE
        (21, 22) => true, // ppc64 R_PPC64_RELATIVE
        (20, 22) => true, // ppc R_PPC_RELATIVE
        (22, 12) => true, // s390x R_390_RELATIVE
        (243, 3) => true, // riscv R_RISCV_RELATIVE
        (258, 3) => true, // loongarch R_LARCH_RELATIVE
        _ => false,
    };

    private static string Machine(ushort machine) => machine switch
    {
        62 => "x86_64",
        3 => "i386",
        183 => "aarch64",
        40 => "arm",
        21 => "ppc64",
        20 => "ppc",
        22 => "s390x",
        243 => "riscv",
        258 => "loongarch64",
        _ => $"elf-machine-{machine}",
    };

    private static string SafeString(ByteReader r, long offset)
    {
        try
        {
            return r.CString(offset);
        }
        catch (BadImageException)
        {
            return "";
        }
    }

    private sealed record SectionHeader(
        uint NameIndex, uint Type, ulong Flags, ulong Address, long Offset, long Size, uint Link, long EntrySize);
}
