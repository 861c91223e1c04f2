using System.Buffers.Binary;

namespace GilScan.Dependencies.Binary;

public enum BinaryFormat
{
    Unknown,
    Elf,
    Pe,
    MachO,
}

/// <summary>A section of a loaded image: where its bytes are in the file and where they land in memory.</summary>
internal sealed record ImageSection(
    string Name, ulong Address, long FileOffset, long FileSize, bool IsExecutable, bool IsWritable, bool HasFileData, long MemorySize = 0);

/// <summary>
/// The format-independent view of one architecture slice of an extension binary that the scan needs:
/// sections, imported and exported symbol names, linked libraries, and which pointer-sized fields are
/// relocated (with their targets where the format records them). Addresses are ELF virtual addresses,
/// PE RVAs, or Mach-O vm addresses.
/// </summary>
internal sealed class BinaryImage
{
    public BinaryImage(BinaryFormat format, string architecture, bool is64Bit, bool littleEndian, ReadOnlyMemory<byte> data)
    {
        Format = format;
        Architecture = architecture;
        Is64Bit = is64Bit;
        LittleEndian = littleEndian;
        Data = data;
    }

    public BinaryFormat Format { get; }
    public string Architecture { get; }
    public bool Is64Bit { get; }
    public bool LittleEndian { get; }
    public int PointerSize => Is64Bit ? 8 : 4;

    /// <summary>The slice's bytes (for a fat Mach-O, only this architecture's part).</summary>
    public ReadOnlyMemory<byte> Data { get; }

    public List<ImageSection> Sections { get; } = [];

    /// <summary>
    /// Adds a section, clipping its file extent to the bytes that exist: a corrupted header must not make
    /// a scan walk gigabytes of address space that is not in the file.
    /// </summary>
    public void AddSection(ImageSection section)
    {
        var available = section.FileOffset < 0 || section.FileOffset > Data.Length ? 0 : Data.Length - section.FileOffset;
        var fileSize = Math.Clamp(section.FileSize, 0, available);
        if (fileSize != section.FileSize && section.HasFileData)
        {
            Warnings.Add($"section {section.Name} claims {section.FileSize} bytes at offset {section.FileOffset}, past the end of the file");
        }

        Sections.Add(section with { FileSize = fileSize, HasFileData = section.HasFileData && fileSize > 0 });
    }
    public HashSet<string> ImportedSymbols { get; } = new(StringComparer.Ordinal);
    public HashSet<string> ExportedSymbols { get; } = new(StringComparer.Ordinal);
    public List<string> LinkedLibraries { get; } = [];

    /// <summary>Addresses of fields the loader rewrites (relocations, rebases, chained fixups).</summary>
    public HashSet<ulong> RelocatedFields { get; } = [];

    /// <summary>Addresses that some relocated pointer points to (RELA addends, in-place PE/REL values).</summary>
    public HashSet<ulong> PointerTargets { get; } = [];

    /// <summary>For relocated fields whose target is known: field address → the address it will point to.</summary>
    public Dictionary<ulong, ulong> RelocationTargets { get; } = [];

    /// <summary>Records a relocated pointer field and, when known, where it points.</summary>
    public void AddRelocation(ulong field, ulong? target)
    {
        RelocatedFields.Add(field);
        if (target is { } t)
        {
            PointerTargets.Add(t);
            RelocationTargets.TryAdd(field, t);
        }
    }

    /// <summary>Problems met while reading; the scan still uses whatever was read.</summary>
    public List<string> Warnings { get; } = [];

    public bool TryReadUInt32(ulong address, out uint value)
    {
        value = 0;
        if (!TryLocate(address, 4, out var offset))
        {
            return IsZeroFill(address, 4);
        }

        var span = Data.Span.Slice((int)offset, 4);
        value = LittleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(span) : BinaryPrimitives.ReadUInt32BigEndian(span);
        return true;
    }

    public bool TryReadPointer(ulong address, out ulong value)
    {
        value = 0;
        if (!TryLocate(address, PointerSize, out var offset))
        {
            return IsZeroFill(address, PointerSize);
        }

        var span = Data.Span.Slice((int)offset, PointerSize);
        value = Is64Bit
            ? LittleEndian ? BinaryPrimitives.ReadUInt64LittleEndian(span) : BinaryPrimitives.ReadUInt64BigEndian(span)
            : LittleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(span) : BinaryPrimitives.ReadUInt32BigEndian(span);
        return true;
    }

    /// <summary>A NUL-terminated string at an address in a file-backed section (at most <paramref name="maxLength"/> bytes).</summary>
    public string? TryReadCString(ulong address, int maxLength = 256)
    {
        if (!TryLocate(address, 1, out var offset))
        {
            return null;
        }

        var rest = Data.Span[(int)offset..];
        var end = rest[..Math.Min(rest.Length, maxLength + 1)].IndexOf((byte)0);
        return end < 0 ? null : System.Text.Encoding.UTF8.GetString(rest[..end]);
    }

    /// <summary>Whether the address lies in an allocated section without file bytes (.bss, zerofill): it reads as zeros.</summary>
    public bool IsZeroFill(ulong address, int size) => Sections.Any(s =>
        !s.HasFileData && address >= s.Address && address + (ulong)size <= s.Address + (ulong)Math.Max(s.FileSize, s.MemorySize));

    private bool TryLocate(ulong address, int size, out long offset)
    {
        foreach (var section in Sections)
        {
            if (section.HasFileData && address >= section.Address && address + (ulong)size <= section.Address + (ulong)section.FileSize)
            {
                offset = section.FileOffset + (long)(address - section.Address);
                return offset >= 0 && offset + size <= Data.Length;
            }
        }

        offset = 0;
        return false;
    }
}

/// <summary>Bounds-checked reads over a byte span, in either byte order; failures throw <see cref="BadImageException"/>.</summary>
internal readonly ref struct ByteReader(ReadOnlySpan<byte> data, bool littleEndian)
{
    private readonly ReadOnlySpan<byte> _data = data;

    public int Length => _data.Length;

    public byte U8(long offset) => Slice(offset, 1)[0];

    public ushort U16(long offset) => littleEndian
        ? BinaryPrimitives.ReadUInt16LittleEndian(Slice(offset, 2))
        : BinaryPrimitives.ReadUInt16BigEndian(Slice(offset, 2));

    public uint U32(long offset) => littleEndian
        ? BinaryPrimitives.ReadUInt32LittleEndian(Slice(offset, 4))
        : BinaryPrimitives.ReadUInt32BigEndian(Slice(offset, 4));

    public ulong U64(long offset) => littleEndian
        ? BinaryPrimitives.ReadUInt64LittleEndian(Slice(offset, 8))
        : BinaryPrimitives.ReadUInt64BigEndian(Slice(offset, 8));

    public ulong Word(long offset, bool is64) => is64 ? U64(offset) : U32(offset);

    /// <summary>A NUL-terminated ASCII/UTF-8 string starting at <paramref name="offset"/> (at most 4 KiB).</summary>
    public string CString(long offset)
    {
        if (offset < 0 || offset >= _data.Length)
        {
            throw new BadImageException($"string offset {offset} outside the file");
        }

        var rest = _data[(int)offset..];
        var end = rest.IndexOf((byte)0);
        var length = end < 0 ? Math.Min(rest.Length, 4096) : Math.Min(end, 4096);
        return System.Text.Encoding.UTF8.GetString(rest[..length]);
    }

    public ReadOnlySpan<byte> Slice(long offset, long length)
    {
        if (offset < 0 || length < 0 || offset + length > _data.Length)
        {
            throw new BadImageException($"read of {length} bytes at {offset} runs past the end of the file ({_data.Length} bytes)");
        }

        return _data.Slice((int)offset, (int)length);
    }
}

/// <summary>A structurally broken binary; caught by the scanner and reported as a diagnostic.</summary>
internal sealed class BadImageException(string message) : Exception(message);
