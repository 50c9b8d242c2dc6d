namespace Convergent.Store;

/// <summary>How a run ended: its status, the ranked findings of the diagnosis (replacing those posted live), the
/// verdict, and the error of a failed run.</summary>
public sealed record RunEnd(RunStatus Status)
{
    public IReadOnlyList<StoredFinding>? Findings { get; init; }
    public string? Verdict { get; init; }
    public string? Error { get; init; }
    public DateTimeOffset EndedAt { get; init; } = DateTimeOffset.UtcNow;
}
