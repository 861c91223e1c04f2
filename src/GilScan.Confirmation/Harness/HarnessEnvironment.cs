using System.Collections.Immutable;
using GilScan.Analysis.Confirmation;
using GilScan.Confirmation.Targets;

namespace GilScan.Confirmation.Harness;

/// <summary>The environment changes every harness runs with, and why each one is there.</summary>
internal static class HarnessEnvironment
{
    public static ImmutableSortedDictionary<string, string?> For(ConfirmationKind kind)
    {
        var changes = ImmutableSortedDictionary.CreateBuilder<string, string?>(StringComparer.Ordinal);

        // The interpreter's own default is what we measure: PYTHON_GIL=0 would hide an import that turns
        // the GIL back on, PYTHON_GIL=1 would make a free-threaded build look like a GIL build.
        changes["PYTHON_GIL"] = null;

        // Importing project code must not leave __pycache__ folders in the user's tree.
        changes["PYTHONDONTWRITEBYTECODE"] = "1";
        changes["PYTHONUNBUFFERED"] = "1";
        changes["PYTHONIOENCODING"] = "utf-8";

        if (kind == ConfirmationKind.ThreadWork)
        {
            // We measure whether the caller's k threads run in parallel. A BLAS or OpenMP pool inside one
            // call would already use every core on its own, and hide the answer either way.
            foreach (var pool in new[] { "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS" })
            {
                changes[pool] = "1";
            }
        }

        return changes.ToImmutable();
    }
}
