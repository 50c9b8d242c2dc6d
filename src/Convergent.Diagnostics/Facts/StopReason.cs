namespace Convergent.Diagnostics;

/// <summary>Why training ended (report field <c>training.stopped</c>).</summary>
public enum StopReason
{
    /// <summary>All planned epochs ran.</summary>
    Completed,
    /// <summary>The loss became NaN/Inf and the doctor stopped training.</summary>
    Nan,
    /// <summary>The time budget (<c>--max-seconds</c>) ran out.</summary>
    TimeBudget,
    /// <summary>A callback (EarlyStopping) stopped training, or a log ends before its planned epochs.</summary>
    EarlyStopping,
}
