namespace Convergent.Store;

/// <summary>Where a stored run stands. Stored as its snake_case name (<see cref="RunStatuses.Name"/>).</summary>
public enum RunStatus
{
    /// <summary>Training is under way (or the process died before it could say otherwise).</summary>
    Running,
    /// <summary>Training ran to its planned end (or stopped early by a callback such as EarlyStopping).</summary>
    Completed,
    /// <summary>The run ended with an error.</summary>
    Failed,
    /// <summary>Training stopped at the wall-time budget (<c>--max-seconds</c>).</summary>
    TimeBudget,
    /// <summary>The loss became NaN or infinite and training stopped.</summary>
    Diverged,
}
