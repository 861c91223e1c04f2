namespace GilScan.Dependencies.Binary;

/// <summary>Which object header a located <c>PyModuleDef</c> starts with.</summary>
public enum ModuleDefinitionLayout
{
    Unknown,

    /// <summary><c>{ob_refcnt, ob_type}</c>: 16 bytes before <c>m_init</c> on 64-bit targets.</summary>
    GilBuild,

    /// <summary><c>{ob_tid, ob_flags, ob_mutex, ob_gc_bits, ob_ref_local, ob_ref_shared, ob_type}</c>: 32 bytes.</summary>
    FreeThreaded,
}

/// <summary>A <c>PyModuleDef</c> found in the binary, and the slot array its <c>m_slots</c> points to.</summary>
public sealed record ModuleDefinition(
    ulong Address, string Name, ModuleDefinitionLayout Layout, bool HasSlotsPointer, SlotArray? Slots, string Section);

/// <summary>
/// Locates a module's <c>PyModuleDef</c> without disassembling the init function: the definition's
/// <c>m_name</c> is a relocated pointer to the module's name, which must equal the <c>PyInit_&lt;name&gt;</c>
/// export (or end in ".&lt;name&gt;"), and the words before it (<c>ob_type</c>, <c>m_init</c>,
/// <c>m_index</c>, <c>m_copy</c> of <c>PyModuleDef_HEAD_INIT</c>) must be zero and unrelocated. From
/// there <c>m_slots</c> is four pointers on; a relocated <c>m_slots</c> leads to the slot array (read and
/// validated by <see cref="SlotArrayFinder.ReadAt"/>), a zero one means no slots. The header before the
/// base also shows the object layout: a non-zero reference count right before <c>ob_type</c> is the
/// default build; zero there and an immortal <c>ob_ref_local</c> (0xFFFFFFFF) a word earlier is the
/// free-threaded build. Limits: a definition whose name is computed at run time, or which is filled in
/// by code (pybind11 3.x, nanobind), is not found; the caller then falls back to
/// <see cref="SlotArrayFinder.Scan"/> and otherwise reports the declaration as undetermined.
/// </summary>
internal static class ModuleDefinitionFinder
{
    public static IReadOnlyList<ModuleDefinition> Find(BinaryImage image, IReadOnlyCollection<string> moduleNames)
    {
        if (moduleNames.Count == 0)
        {
            return [];
        }

        var pointer = (ulong)image.PointerSize;
        var found = new List<ModuleDefinition>();
        foreach (var (field, target) in image.RelocationTargets.OrderBy(r => r.Key))
        {
            if (field < 4 * pointer)
            {
                continue;
            }

            var name = image.TryReadCString(target);
            if (name is null || !moduleNames.Any(m => name == m || name.EndsWith("." + m, StringComparison.Ordinal)))
            {
                continue;
            }

            if (!IsZeroWord(image, field - pointer) || !IsZeroWord(image, field - 2 * pointer) || !IsZeroWord(image, field - 3 * pointer)
                || !IsZeroWord(image, field - 4 * pointer) || image.RelocatedFields.Contains(field + 2 * pointer))
            {
                continue; // not PyModuleDef_HEAD_INIT followed by m_name, m_doc, m_size
            }

            var slotsField = field + 4 * pointer;
            SlotArray? slots = null;
            var hasSlotsPointer = image.RelocatedFields.Contains(slotsField);
            if (hasSlotsPointer && image.RelocationTargets.TryGetValue(slotsField, out var slotsAddress))
            {
                slots = SlotArrayFinder.ReadAt(image, slotsAddress, SlotArrayConfidence.ModuleDefinition);
            }
            else if (!hasSlotsPointer && !IsZeroWord(image, slotsField))
            {
                continue; // m_slots holds a non-pointer value: not a PyModuleDef
            }

            var section = image.Sections.FirstOrDefault(s => field >= s.Address && field < s.Address + (ulong)Math.Max(s.FileSize, s.MemorySize))?.Name ?? "?";
            found.Add(new ModuleDefinition(field - 4 * pointer, name, Layout(image, field), hasSlotsPointer, slots, section));
        }

        return found;
    }

    private static ModuleDefinitionLayout Layout(BinaryImage image, ulong nameField)
    {
        if (!image.Is64Bit || nameField < 7 * 8)
        {
            return ModuleDefinitionLayout.Unknown;
        }

        // 64-bit: m_name - 40 is ob_refcnt (default build) or ob_ref_shared (free-threaded build).
        if (!image.TryReadPointer(nameField - 5 * 8, out var beforeType) || image.RelocatedFields.Contains(nameField - 5 * 8))
        {
            return ModuleDefinitionLayout.Unknown;
        }

        if (beforeType != 0)
        {
            return ModuleDefinitionLayout.GilBuild;
        }

        // Free-threaded: {ob_flags u16, ob_mutex u8, ob_gc_bits u8, ob_ref_local u32} with an immortal ob_ref_local.
        if (image.TryReadUInt32(nameField - 6 * 8 + 4, out var refLocal) && refLocal == 0xFFFFFFFF
            && image.TryReadPointer(nameField - 7 * 8, out var threadId) && threadId == 0)
        {
            return ModuleDefinitionLayout.FreeThreaded;
        }

        return ModuleDefinitionLayout.Unknown;
    }

    private static bool IsZeroWord(BinaryImage image, ulong address) =>
        image.TryReadPointer(address, out var value) && value == 0 && !image.RelocatedFields.Contains(address);
}
