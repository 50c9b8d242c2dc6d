namespace Convergent.Diagnostics;

/// <summary>
/// NO_LEARNING: nothing was learned — accuracy stays at chance or at the majority-class share, or never rises above
/// its first value while the loss never falls below its first value.
/// </summary>
public sealed class NoLearningRule : Rule
{
    public override string Code => FindingCode.NoLearning;

    /// <summary>Fewest epochs to judge. Two: the first epoch against all later ones.</summary>
    public int MinEpochs { get; set; } = 2;

    /// <summary>Distance from the chance/majority baseline that still counts as "at" it (absolute accuracy, 0.02).</summary>
    public double BaselineTolerance { get; set; } = 0.02;

    /// <summary>Largest accuracy gain over the first epoch that still counts as "nothing learned" (0.01).</summary>
    public double MaxAccuracyGain { get; set; } = 0.01;

    /// <summary>Largest relative loss fall below the first epoch that still counts as "nothing learned" (1 %).</summary>
    public double MaxLossFall { get; set; } = 0.01;

    /// <summary>Without a known baseline, a flat accuracy counts as "nothing learned" only below this value (0.9): a
    /// model can also learn everything within its first epoch and stay there.</summary>
    public double MaxFlatAccuracy { get; set; } = 0.9;

    /// <summary>A last-epoch fall of the loss above this share (5 %) means learning is under way.</summary>
    public double StillLearningFall { get; set; } = 0.05;

    public override IEnumerable<Finding> CheckAfter(RunRecord r)
    {
        int n = r.Epochs.Count;
        if (n < MinEpochs) yield break;
        var loss = r.Epochs.Loss; var acc = r.Epochs.Accuracy; var valAcc = r.Epochs.ValAccuracy;
        bool hasLoss = loss.Length == n && double.IsFinite(loss[0]);
        bool hasAcc = acc.Length == n && Curves.AllFinite(acc);
        double baseline = r.Data is { } d && d.ClassShares.Length > 0 ? Math.Max(d.MajorityShare, 1.0 / d.Classes) : double.NaN;

        bool lossFlat = hasLoss && Robust.Min(loss.AsSpan(1)) >= loss[0] * (1 - MaxLossFall);
        bool accFlat = hasAcc && Robust.Max(acc.AsSpan(1)) - acc[0] <= MaxAccuracyGain;
        bool atBaseline = hasAcc && double.IsFinite(baseline) && acc.All(a => a <= baseline + BaselineTolerance)
            && (valAcc.Length != n || valAcc.All(a => !double.IsFinite(a) || a <= baseline + BaselineTolerance));
        // a loss that still falls fast at the end is learning, whatever the accuracy says so far
        if (hasLoss && n >= 2 && double.IsFinite(loss[^1]) && double.IsFinite(loss[^2]) && loss[^1] < loss[^2] * (1 - StillLearningFall)) yield break;
        bool fires = hasAcc ? (atBaseline || (accFlat && (lossFlat || !hasLoss) && acc[^1] < MaxFlatAccuracy)) : lossFlat && n >= 3;
        if (!fires) yield break;

        var ev = new Evidence();
        if (hasLoss) { ev.Add("first_loss", loss[0]); ev.Add("final_loss", loss[^1]); ev.Add("best_loss", Robust.Min(loss)); }
        if (hasAcc) { ev.Add("first_accuracy", acc[0]); ev.Add("final_accuracy", acc[^1]); ev.Add("best_accuracy", Robust.Max(acc)); }
        if (valAcc.Length == n && double.IsFinite(valAcc[^1])) ev.Add("final_val_accuracy", valAcc[^1]);
        if (double.IsFinite(baseline)) ev.Add("baseline_accuracy", baseline);
        ev.Add("epochs", n);

        string what = hasAcc
            ? $"accuracy stayed at {acc[^1]:0.####}" + (double.IsFinite(baseline) ? $" (baseline {baseline:0.####})" : "")
            : $"loss never fell below its first value {loss[0]:0.####}";
        yield return new Finding(Code, Severity.Error, $"Nothing was learned in {n} epochs: {what}")
        {
            Epoch = r.Epochs.Numbers[0],
            Evidence = ev,
            Confidence = atBaseline || (accFlat && lossFlat) ? 0.9 : 0.7,
            Explanation =
                "The metrics did not improve at all: " + what + ". A model that learned nothing does as well as guessing " +
                "the most common class. This is not a tuning problem — something in the model, the data or the training setup " +
                "prevents learning; the findings listed before this one say what.",
            Fixes =
            [
                new Fix("fix_root_cause", "Fix the root causes listed first in this report (they explain why nothing is learned).", null),
                new Fix("overfit_small_batch", "Check that the model can memorize 10 samples; if it cannot, the bug is in model, loss or labels.",
                    "model.fit(x[:10], y[:10], epochs=200, batch_size=10)"),
                new Fix("lower_learning_rate", "Try a 10× smaller learning rate.",
                    KerasCode.Optimizer(r.Training.Optimizer, KerasCode.ScaledLearningRate(r.Training, 0.1))),
                new Fix("normalize_inputs", "Scale inputs to about unit range.", "x_train = x_train / 255.0  # images; else standardize per feature"),
            ],
        };
    }
}
