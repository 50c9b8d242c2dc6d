namespace Convergent.Reports.TensorBoard;

/// <summary>
/// One <c>Event</c> of an events file (tensorboard/compat/proto/event.proto): its wall time (seconds since the Unix
/// epoch), its step, and either the file-version header (<c>brain.Event:2</c>, the first event of every file) or the
/// summary values logged at that step.
/// </summary>
public sealed record TfEvent(double WallTime, long Step, IReadOnlyList<TfValue> Values)
{
    /// <summary>The file-version string of the header event, or null for a summary event.</summary>
    public string? FileVersion { get; init; }
}
