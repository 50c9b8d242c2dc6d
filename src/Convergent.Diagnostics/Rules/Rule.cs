namespace Convergent.Diagnostics;

/// <summary>
/// A detector for one finding code (<c>DeadReluRule</c> ↔ <c>DEAD_RELU</c>). A rule reads the <see cref="RunRecord"/>
/// and yields findings; it overrides only the hooks of the phases it works in:
/// <see cref="CheckBefore"/> (model, data and quick-probe facts), <see cref="CheckStep"/> (streaming, after every
/// recorded step), <see cref="CheckEpoch"/> (after every epoch), <see cref="CheckAfter"/> (the finished run, or a
/// log). Thresholds are public properties with their source in a comment. A rule instance serves one run (streaming
/// rules keep small per-run state); <see cref="Rules.All"/> gives fresh instances.
/// </summary>
public abstract class Rule
{
    /// <summary>The finding code this rule decides.</summary>
    public abstract string Code { get; }

    /// <summary>The phase of the code (findings.md).</summary>
    public Phase Phase => FindingCode.PhaseOf(Code);

    /// <summary>Before training: reads <see cref="RunRecord.Model"/>, <see cref="RunRecord.Data"/>,
    /// <see cref="RunRecord.Training"/> and <see cref="RunRecord.Init"/>.</summary>
    public virtual IEnumerable<Finding> CheckBefore(RunRecord record) => [];

    /// <summary>During training, after <paramref name="step"/> (global, 0-based) was recorded. Must be cheap: it runs
    /// on every step; read the last values of the series, not whole histories.</summary>
    public virtual IEnumerable<Finding> CheckStep(RunRecord record, long step) => [];

    /// <summary>During training, after <paramref name="epoch"/> (1-based) ended and its metrics were recorded.</summary>
    public virtual IEnumerable<Finding> CheckEpoch(RunRecord record, int epoch) => [];

    /// <summary>After training (or for a record read from a log): the whole record.</summary>
    public virtual IEnumerable<Finding> CheckAfter(RunRecord record) => [];

    /// <summary>After training, once per finding of this rule posted during the run: the finding as it should stand in
    /// the final diagnosis — itself (the default), a revised copy (e.g. downgraded to info because a during-training
    /// symptom stopped holding), or null to withdraw it. Streamed findings were already shown; this only revises the
    /// final word.</summary>
    public virtual Finding? Review(RunRecord record, Finding posted) => posted;

    public override string ToString() => $"{GetType().Name} ({Code})";
}
