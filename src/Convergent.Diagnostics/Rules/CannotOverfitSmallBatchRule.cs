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

    /// <summary>
    /// Classification: final/initial loss ratio on the tiny batch at or below which a probe that is not yet at
    /// <see cref="MinAccuracy"/> counts as still learning, not as failing (0.5: the loss at least halved). The probe
    /// trains with the user's own optimizer and learning rate, and at Keras's small defaults (Adam 1e-3, SGD 0.01)
    /// 300 full-batch steps may not finish memorizing overlapping samples although the loss falls steadily; a model
    /// with a bug in output, loss, labels or architecture does not halve its loss at all (ratios ≈ 0.6–1, or above 1
    /// when the steps diverge). Such a probe is reported as info.
    /// </summary>
    public double MaxLearningLossRatio { get; set; } = 0.5;

    public override IEnumerable<Finding> CheckBefore(RunRecord r)
    {
        if (r.Init?.SmallBatch is not { } s) yield break;
        bool failed = s.Accuracy is double a ? a < MinAccuracy : !(s.FinalLoss <= MaxLossRatio * s.InitialLoss);
        if (!failed) yield break;
        bool stillLearning = s.Accuracy is not null && s.FinalLoss <= MaxLearningLossRatio * s.InitialLoss;
        var ev = new Evidence
        {
            { "samples", s.Samples },
            { "steps", s.Steps },
            { "initial_loss", s.InitialLoss },
            { "final_loss", s.FinalLoss },
            { "seconds", s.Seconds },
        };
        if (s.Accuracy is double acc) ev.Add("accuracy", acc);
        if (s.TimedOut) ev.Add("timed_out", "true");
        if (stillLearning) ev.Add("loss_ratio", s.FinalLoss / s.InitialLoss);
        yield return new Finding(Code, stillLearning ? Severity.Info : s.TimedOut ? Severity.Warning : Severity.Error,
            stillLearning
                ? $"The model had not yet memorized {s.Samples} samples after {s.Steps} steps ({s.Accuracy:P0} right), but its loss fell {s.InitialLoss:0.####} → {s.FinalLoss:0.####}"
                : s.Accuracy is double a2
                ? $"The model cannot memorize {s.Samples} samples: {a2:P0} right after {s.Steps} steps"
                : $"The model cannot memorize {s.Samples} samples: loss {s.InitialLoss:0.####} → {s.FinalLoss:0.####} after {s.Steps} steps")
        {
            Evidence = ev,
            Confidence = stillLearning ? 0.3 : s.TimedOut ? 0.5 : 0.85,
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
