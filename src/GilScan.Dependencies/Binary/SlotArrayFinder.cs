namespace GilScan.Dependencies.Binary;

/// <summary>One <c>PyModuleDef_Slot</c> entry as found in the binary.</summary>
public sealed record ModuleSlot(int Id, ulong Value, bool ValueIsPointer);

/// <summary>How a slot array was found, strongest first.</summary>
public enum SlotArrayConfidence
{
    /// <summary>Read through the <c>m_slots</c> field of a located <c>PyModuleDef</c>.</summary>
    ModuleDefinition,

    /// <summary>Found by scanning data sections: well formed, holds a gil entry, and a relocated pointer points at it.</summary>
    Referenced,
}

/// <summary>A <c>PyModuleDef_Slot[]</c> array found in a data section (possibly an all-zero array in .bss).</summary>
public sealed record SlotArray(string Section, ulong Address, IReadOnlyList<ModuleSlot> Slots, SlotArrayConfidence Confidence)
{
    public const int GilSlot = 4;

    /// <summary>The <c>Py_mod_gil</c> value: 1 = NOT_USED, 0 = USED, null = no gil slot.</summary>
    public ulong? GilValue => Slots.FirstOrDefault(s => s.Id == GilSlot)?.Value;
}

/// <summary>
/// Reads and validates <c>PyModuleDef_Slot[]</c> arrays (CPython 3.13/3.14 layout <c>{int slot; void
/// *value;}</c>: 16 bytes on 64-bit targets with 4 bytes of zero padding, 8 bytes on 32-bit ones).
/// <para>An array is accepted when: every slot ID is 1-4 (<c>Py_mod_create</c>, <c>Py_mod_exec</c>,
/// <c>Py_mod_multiple_interpreters</c>, <c>Py_mod_gil</c>); create/exec values are relocated pointers;
/// the multiple-interpreters value is 0-2 and the gil value 0 or 1, neither relocated; create, gil and
/// multiple-interpreters appear at most once (CPython rejects duplicates); and an all-zero, unrelocated
/// terminator follows within 16 entries. An array in a zero-filled section (.bss) is the empty array
/// <c>{{0, NULL}}</c>, which is what <c>#ifdef</c>-ed slot lists compile to on older headers.</para>
/// <para>The fallback scan (<see cref="Scan"/>), used only when no <c>PyModuleDef</c> could be located,
/// anchors on gil entries and keeps arrays that some relocated pointer points at. It never reports the
/// absence of a gil slot: data such as <c>PyType_Slot</c> arrays and Rust enums have the same shape,
/// so an array without a gil entry found by scanning proves nothing.</para>
/// </summary>
internal static class SlotArrayFinder
{
    private const int MaxEntries = 16;

    public static SlotArray? ReadAt(BinaryImage image, ulong address, SlotArrayConfidence confidence)
    {
        var record = (ulong)image.PointerSize * 2;
        var slots = new List<ModuleSlot>();
        for (var at = address; slots.Count <= MaxEntries; at += record)
        {
            if (!TryReadEntry(image, at, out var entry))
            {
                return null;
            }

            if (entry is { Id: 0, Value: 0, ValueIsPointer: false })
            {
                return HasForbiddenDuplicate(slots) ? null : new SlotArray(SectionName(image, address), address, slots, confidence);
            }

            if (!IsValidEntry(entry))
            {
                return null;
            }

            slots.Add(entry);
        }

        return null;
    }

    /// <summary>The fallback: gil entries in data sections, delimited, validated and pointed at.</summary>
    public static IReadOnlyList<SlotArray> Scan(BinaryImage image)
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
                if (!TryReadEntry(image, address, out var entry) || entry.Id != SlotArray.GilSlot || !IsValidEntry(entry))
                {
                    continue;
                }

                var start = address;
                while (start >= section.Address + record && TryReadEntry(image, start - record, out var previous) && IsValidEntry(previous)
                       && (address - start) / record < MaxEntries)
                {
                    start -= record;
                }

                // The array may begin at any entry of the valid run before the gil entry: take the one pointed at.
                for (var candidate = start; candidate <= address; candidate += record)
                {
                    if (image.PointerTargets.Contains(candidate) && ReadAt(image, candidate, SlotArrayConfidence.Referenced) is { } array)
                    {
                        found.TryAdd(candidate, array);
                        break;
                    }
                }
            }
        }

        return found.Values.OrderBy(a => a.Address).ToList();
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

        entry = new ModuleSlot((int)id, value, image.RelocatedFields.Contains(valueAddress));
        return true;
    }

    private static string SectionName(BinaryImage image, ulong address) =>
        image.Sections.FirstOrDefault(s => address >= s.Address && address < s.Address + (ulong)Math.Max(s.FileSize, s.MemorySize))?.Name ?? "?";
}
