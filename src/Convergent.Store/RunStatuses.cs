using Convergent.Diagnostics;

namespace Convergent.Store;

/// <summary>The stored spelling of <see cref="RunStatus"/> (<c>running</c>, <c>completed</c>, <c>failed</c>,
/// <c>time_budget</c>, <c>diverged</c>) and the status a doctor's stop reason maps to.</summary>
public static class RunStatuses
{
    /// <summary>The snake_case name stored in <c>runs.status</c>.</summary>
    public static string Name(this RunStatus status) => status switch
    {
        RunStatus.Running => "running",
        RunStatus.Completed => "completed",
        RunStatus.Failed => "failed",
        RunStatus.TimeBudget => "time_budget",
        RunStatus.Diverged => "diverged",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Parses a stored name; throws <see cref="FormatException"/> for an unknown one.</summary>
    public static RunStatus Parse(string name) => name switch
    {
        "running" => RunStatus.Running,
        "completed" => RunStatus.Completed,
        "failed" => RunStatus.Failed,
        "time_budget" => RunStatus.TimeBudget,
        "diverged" => RunStatus.Diverged,
        _ => throw new FormatException($"Unknown run status '{name}' in the store."),
    };

    /// <summary>The status of a run that ended with <paramref name="stopped"/> (early stopping is a completed run).</summary>
    public static RunStatus From(StopReason stopped) => stopped switch
    {
        StopReason.Nan => RunStatus.Diverged,
        StopReason.TimeBudget => RunStatus.TimeBudget,
        _ => RunStatus.Completed,
    };
}
