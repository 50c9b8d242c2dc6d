namespace Convergent.Diagnostics;

/// <summary>
/// CANNOT_OVERFIT_SMALL_BATCH (quick probe): a copy of the model trained on a handful of samples for a few hundred
/// full-batch steps fails to memorize them — a bug in model, loss or labels, not a tuning issue (Karpathy 2019,
/// "overfit one batch"). Reads <see cref="InitFacts.SmallBatch"/>, filled by <see cref="SmallBatchOverfitProbe"/>.
/// </summary>
public sealed class CannotOverfitSmallBatchRule : Rule
{
    public override string Code => FindingCode.CannotOverfitSmallBatch;

    /// <summary>Training accuracy on the tiny batch that counts as memorized (1.0: every sample right).</summary>
    public double MinAccuracy { get; set; } = 1.0;

    /// <summary>Regression: final/initial loss ratio that counts as memorized (0.1).</summary>
    public double MaxLossRatio { get; set; } = 0.1;

    /// <summary>A tiny batch not yet memorized still counts as learnable while its loss keeps falling: more than this share
    /// from the halfway point to the end (10 %) and below <see cref="MaxProgressRatio"/> of the initial loss.</summary>
    public double MinLateFall { get; set; } = 0.1;

    /// <summary>Final/initial loss ratio below which the probe counts as progressing (0.5).</summary>
    public double MaxProgressRatio { get; set; } = 0.5;

    public override IEnumerable<Finding> CheckBefore(RunRecord r)
    {
        if (r.Init?.SmallBatch is not { } s) yield break;
        bool failed = s.Accuracy is double a ? a < MinAccuracy : !(s.FinalLoss <= MaxLossRatio * s.InitialLoss);
        bool progressing = s.FinalLoss <= MaxProgressRatio * s.InitialLoss && double.IsFinite(s.MidLoss) && s.FinalLoss <= (1 - MinLateFall) * s.MidLoss;
        if (!failed || progressing) yield break;
        var ev = new Evidence
        {
            { "samples", s.Samples },
            { "steps", s.Steps },
            { "initial_loss", s.InitialLoss },
            { "final_loss", s.FinalLoss },
            { "mid_loss", double.IsFinite(s.MidLoss) ? s.MidLoss : s.FinalLoss },
            { "seconds", s.Seconds },
        };
        if (s.Accuracy is double acc) ev.Add("accuracy", acc);
        if (s.TimedOut) ev.Add("timed_out", "true");
        yield return new Finding(Code, s.TimedOut ? Severity.Warning : Severity.Error,
            s.Accuracy is double a2
                ? $"The model cannot memorize {s.Samples} samples: {a2:P0} right after {s.Steps} steps"
                : $"The model cannot memorize {s.Samples} samples: loss {s.InitialLoss:0.####} → {s.FinalLoss:0.####} after {s.Steps} steps")
        {
            Evidence = ev,
            Confidence = s.TimedOut ? 0.5 : 0.85,
            Explanation =
                $"A working network can learn {s.Samples} samples by heart in a few hundred steps. This one could not, so something other than " +
                "tuning is wrong: the loss does not match the output, the labels do not match the inputs, or the architecture destroys the " +
                "information (see the causes listed before this finding).",
            Fixes =
            [
                new Fix("check_model_loss_labels", "Check the output layer, loss and label encoding together.", "print(model.output_shape, y_train[:5], model.loss)"),
                new Fix("overfit_small_batch", "Debug on the tiny batch until it is memorized.", $"model.fit(x[:{s.Samples}], y[:{s.Samples}], epochs={s.Steps}, batch_size={s.Samples})"),
            ],
        };
    }
}
