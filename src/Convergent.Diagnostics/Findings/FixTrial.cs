namespace Convergent.Diagnostics;

/// <summary>What a short trial of a fix showed, compared with the same training without it.</summary>
public enum TrialOutcome
{
    /// <summary>The measured loss fell by more than <see cref="FixTrial.Margin"/> (or the baseline diverged and the fix did not).</summary>
    Improved,

    /// <summary>The loss moved by less than the margin either way.</summary>
    NoClearChange,

    /// <summary>The loss rose by more than the margin (or the fix diverged).</summary>
    Worse,

    /// <summary>The trial could not finish its epochs within its time budget, so the comparison would be unfair.</summary>
    Inconclusive,
}

/// <summary>
/// A fix proved (or not) by a short trial: the model with the fix trained from the same seed on the same data for the
/// same epochs as the diagnosed run, and both models measured the same way on the same samples.
/// </summary>
/// <param name="Change">What was changed, e.g. <c>learning rate of SGD 0.1 → 0.01</c>.</param>
/// <param name="Data">Where both were measured: <c>validation</c> (the held-out samples) or <c>training</c>.</param>
/// <param name="Epochs">Epochs trained by the trial (those the diagnosed run completed).</param>
/// <param name="LossBefore">Loss of the diagnosed model at the end of its training.</param>
/// <param name="LossAfter">Loss of the model with the fix at the end of the trial.</param>
/// <param name="Metric">The first compiled metric's name (e.g. <c>accuracy</c>), or null.</param>
/// <param name="MetricBefore">That metric for the diagnosed model, or null.</param>
/// <param name="MetricAfter">That metric for the model with the fix, or null.</param>
/// <param name="Outcome">The verdict of the comparison.</param>
/// <param name="Seconds">Wall time the trial took.</param>
public sealed record FixTrial(string Change, string Data, int Epochs, double LossBefore, double LossAfter,
    string? Metric, double? MetricBefore, double? MetricAfter, TrialOutcome Outcome, double Seconds)
{
    /// <summary>Relative change of the loss below which the trial says <see cref="TrialOutcome.NoClearChange"/>: 3 %.</summary>
    public const double Margin = 0.03;

    /// <summary>Judges a loss change: lower is better; a non-finite loss is a divergence.</summary>
    public static TrialOutcome Judge(double before, double after)
    {
        bool beforeOk = double.IsFinite(before), afterOk = double.IsFinite(after);
        if (!afterOk) return beforeOk ? TrialOutcome.Worse : TrialOutcome.NoClearChange;
        if (!beforeOk) return TrialOutcome.Improved;
        double scale = Math.Max(Math.Abs(before), 1e-12);
        double relative = (after - before) / scale;
        return relative < -Margin ? TrialOutcome.Improved : relative > Margin ? TrialOutcome.Worse : TrialOutcome.NoClearChange;
    }

    /// <summary>The relative loss change in percent (negative: lower loss), or null when either loss is not finite.</summary>
    public double? LossChangePercent =>
        double.IsFinite(LossBefore) && double.IsFinite(LossAfter) && LossBefore != 0 ? 100 * (LossAfter - LossBefore) / Math.Abs(LossBefore) : null;
}
