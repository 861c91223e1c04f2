namespace GilScan.Dependencies.Binary;

/// <summary>One <c>PyModuleDef_Slot</c> entry as found in the binary.</summary>
public sealed record ModuleSlot(int Id, ulong Value, bool ValueIsPointer);

/// <summary>How sure the finder is that a byte run is a real slot array.</summary>
public enum SlotArrayConfidence
{
    /// <summary>The run is well formed and some relocated pointer in the image points at its first entry.</summary>
    Referenced,

    /// <summary>Well formed with relocated create/exec pointers, but nothing found pointing at it.</summary>
    Structural,
}

/// <summary>A <c>PyModuleDef_Slot[]</c> array found in a data section.</summary>
public sealed record SlotArray(string Section, ulong Address, IReadOnlyList<ModuleSlot> Slots, SlotArrayConfidence Confidence)
{
    public const int GilSlot = 4;

    /// <summary>The <c>Py_mod_gil</c> value: 1 = NOT_USED, 0 = USED, null = no gil slot.</summary>
    public ulong? GilValue => Slots.FirstOrDefault(s => s.Id == GilSlot)?.Value;
}

/// <summary>
/// Finds <c>PyModuleDef_Slot[]</c> arrays (CPython 3.13/3.14 layout: <c>{int slot; void *value;}</c>, 16
/// bytes on 64-bit targets with 4 bytes of padding, 8 bytes on 32-bit ones) in a binary without running it.
/// <para>Method. Every pointer-aligned record in each allocated, file-backed, non-executable section is a
/// possible entry. A run of entries is accepted as an array when all of these hold: (1) every slot ID is
/// one of 1-4 (<c>Py_mod_create</c>, <c>Py_mod_exec</c>, <c>Py_mod_multiple_interpreters</c>,
/// <c>Py_mod_gil</c>) and the padding is zero; (2) create/exec values are pointers: the field has a
/// relocation (ELF REL/RELA/RELR, PE base relocation) or, in Mach-O, a non-zero value; (3) the
/// multiple-interpreters value is 0, 1 or 2 and the gil value 0 or 1, neither relocated; (4) create, gil and
/// multiple-interpreters appear at most once (CPython rejects duplicates); (5) the run ends in an all-zero
/// terminator within 16 entries; (6) it is either pointed at by a relocated pointer (the <c>m_slots</c>
/// field of its <c>PyModuleDef</c>) or holds at least one relocated create/exec pointer. Arrays pointed at
/// are <see cref="SlotArrayConfidence.Referenced"/>; the others <see cref="SlotArrayConfidence.Structural"/>.
/// A lone <c>{4, 1}, {0, 0}</c> with nothing pointing at it is too weak and is not accepted.</para>
/// <para>Limits. Arrays built at run time (pybind11 3.x, current nanobind) are not in the file and are not
/// found; a caller must treat "multi-phase module, no array found" as undetermined, not as "no gil
/// slot". The 3.15 <c>PySlot</c> layout (16-bit IDs, slot 87) is not recognised yet: the 3.15 headers were
/// still changing. In Mach-O, pointers are recognised as non-zero fields and chained-fixup targets are
/// decoded approximately (low 36 bits), so an unrelated value that happens to equal an array's address
/// could make a structural array look referenced.</para>
/// </summary>
internal static class SlotArrayFinder
{
    private const int MaxEntries = 16;

    public static IReadOnlyList<SlotArray> Find(BinaryImage image)
    {
        var found = new Dictionary<ulong, SlotArray>();
        var pointer = (ulong)image.PointerSize;
        var record = pointer * 2;
        foreach (var section in image.Sections.Where(s => s.HasFileData && !s.IsExecutable && s.FileSize >= (long)record))
        {
            var end = section.Address + (ulong)section.FileSize;
            var first = (section.Address + pointer - 1) / pointer * pointer;
            for (var address = first; address + record <= end; address += pointer)
            {
                // Anchor on entries that can only be slots: a gil entry, or a create/exec entry with a pointer.
                if (!TryReadEntry(image, address, out var entry) || entry.Id is not (1 or 2 or SlotArray.GilSlot))
                {
                    continue;
                }

                if (TryDelimit(image, section, address, out var array) && !found.ContainsKey(array.Address))
                {
                    found[array.Address] = array;
                }
            }
        }

        return found.Values.OrderBy(a => a.Address).ToList();
    }

    private static bool TryDelimit(BinaryImage image, ImageSection section, ulong anchor, out SlotArray array)
    {
        array = null!;
        var record = (ulong)image.PointerSize * 2;
        var start = anchor;
        while (start >= section.Address + record && TryReadEntry(image, start - record, out var previous) && IsValidEntry(previous)
               && (anchor - start) / record < MaxEntries)
        {
            start -= record;
        }

        var slots = new List<ModuleSlot>();
        for (var address = start; ; address += record)
        {
            if (address + record > section.Address + (ulong)section.FileSize || slots.Count > MaxEntries
                || !TryReadEntry(image, address, out var entry))
            {
                return false;
            }

            if (entry is { Id: 0, Value: 0, ValueIsPointer: false })
            {
                break;
            }

            if (!IsValidEntry(entry))
            {
                return false;
            }

            slots.Add(entry);
        }

        if (slots.Count == 0 || HasForbiddenDuplicate(slots))
        {
            return false;
        }

        var referenced = image.PointerTargets.Contains(start);
        var hasPointers = slots.Any(s => s.Id is 1 or 2);
        if (!referenced && !hasPointers)
        {
            return false;
        }

        array = new SlotArray(section.Name, start, slots, referenced ? SlotArrayConfidence.Referenced : SlotArrayConfidence.Structural);
        return true;
    }

    private static bool IsValidEntry(ModuleSlot entry) => entry.Id switch
    {
        1 or 2 => entry.ValueIsPointer,
        3 => !entry.ValueIsPointer && entry.Value <= 2,
        SlotArray.GilSlot => !entry.ValueIsPointer && entry.Value <= 1,
        _ => false,
    };

    private static bool HasForbiddenDuplicate(List<ModuleSlot> slots) =>
        slots.Where(s => s.Id != 2).GroupBy(s => s.Id).Any(g => g.Count() > 1);

    private static bool TryReadEntry(BinaryImage image, ulong address, out ModuleSlot entry)
    {
        entry = null!;
        var valueAddress = address + (ulong)image.PointerSize;
        if (!image.TryReadUInt32(address, out var id) || !image.TryReadPointer(valueAddress, out var value))
        {
            return false;
        }

        if (image.Is64Bit && (!image.TryReadUInt32(address + 4, out var padding) || padding != 0))
        {
            return false;
        }

        if (image.RelocatedFields.Contains(address))
        {
            return false; // the slot ID itself is never a pointer
        }

        var isPointer = image.RelocatedFields.Contains(valueAddress);
        entry = new ModuleSlot((int)id, value, isPointer);
        return true;
    }
}
