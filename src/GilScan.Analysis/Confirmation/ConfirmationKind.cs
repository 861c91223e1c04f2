namespace GilScan.Analysis.Confirmation;

/// <summary>What a confirmation measures, by the kind of finding it confirms.</summary>
public enum ConfirmationKind
{
    /// <summary>GIL101/GIL102: one call vs k threads vs k processes; does the work scale on threads?</summary>
    ThreadWork,

    /// <summary>GIL201: does the coroutine stall the event loop for longer than the latency budget?</summary>
    CoroutineWork,

    /// <summary>GIL401/GIL403: does importing the module turn the GIL back on under a free-threaded build?</summary>
    ImportProbe,

    /// <summary>GIL501: do k threads running the target lose updates to the shared state that one thread keeps?</summary>
    LostUpdates,
}
