namespace Convergent.Diagnostics;

/// <summary>
/// REGULARIZATION_TOO_STRONG: dropout rates, weight penalties or weight decay so strong that the training set cannot be
/// fitted. Before training from the configuration; after training also when training accuracy ends well below
/// validation accuracy (dropout is only active in training) while the training fit is poor and the model is regularized.
/// </summary>
public sealed class RegularizationTooStrongRule : Rule
{
    public override string Code => FindingCode.RegularizationTooStrong;

    /// <summary>Dropout rate at or above which units are dropped too often (0.7). Our choice: Srivastava et al. (2014)
    /// recommend 0.5 for hidden layers and 0.2 for inputs.</summary>
    public double MaxDropoutRate { get; set; } = 0.7;

    /// <summary>L1/L2 coefficient at or above which the penalty dominates typical losses (0.01). Our choice: common
    /// values are 1e-5…1e-3.</summary>
    public double MaxPenalty { get; set; } = 0.01;

    /// <summary>Decoupled weight decay at or above which weights shrink too fast (0.1). Our choice: AdamW's Keras default is 0.004.</summary>
    public double MaxWeightDecay { get; set; } = 0.1;

    public override IEnumerable<Finding> CheckBefore(RunRecord r)
    {
        if (r.Model is not { } m) yield break;
        var ev = new Evidence();
        var reasons = new List<string>();
        string? layer = null;
        foreach (var l in m.Layers)
        {
            if (l.DropoutRate is double rate && rate >= MaxDropoutRate)
            {
                ev.Add($"{l.Name}.rate", rate); reasons.Add($"dropout {rate:0.##} in {l.Name}"); layer ??= l.Name;
            }
            if (l.RegularizerStrength is double p && p >= MaxPenalty)
            {
                ev.Add($"{l.Name}.penalty", p); reasons.Add($"weight penalty {p:0.###} in {l.Name}"); layer ??= l.Name;
            }
        }
        if (r.Training.WeightDecay is double wd && wd >= MaxWeightDecay) { ev.Add("weight_decay", wd); reasons.Add($"weight decay {wd:0.###}"); }
        if (reasons.Count == 0) yield break;
        yield return Make(r, layer, ev, reasons, 0.6);
    }

    /// <summary>After training: training accuracy below validation accuracy by at least this much (0.05) at the end, while
    /// the training fit is poor, shows regularization (active only in training) holding the model back.</summary>
    public double MinValidationLead { get; set; } = 0.05;

    /// <summary>After training: the training accuracy must be below this for the fit to count as poor (0.9).</summary>
    public double MaxTrainAccuracy { get; set; } = 0.9;

    public override IEnumerable<Finding> CheckAfter(RunRecord r)
    {
        if (r.Model is not { } m || r.Epochs.Count < 3) yield break;
        int last = r.Epochs.Count - 1;
        if (r.Epochs.Get(EpochTable.AccuracyName, last) is not double train || r.Epochs.Get(EpochTable.ValAccuracyName, last) is not double val) yield break;
        if (train >= MaxTrainAccuracy || val - train < MinValidationLead) yield break;
        var ev = new Evidence { { "train_accuracy", train }, { "val_accuracy", val } };
        var reasons = new List<string>();
        string? layer = null;
        foreach (var l in m.Layers)
        {
            if (l.DropoutRate is double rate && rate > 0) { ev.Add($"{l.Name}.rate", rate); reasons.Add($"dropout {rate:0.##} in {l.Name}"); layer ??= l.Name; }
            if (l.RegularizerStrength is double p && p > 0) { ev.Add($"{l.Name}.penalty", p); reasons.Add($"weight penalty {p:0.####} in {l.Name}"); layer ??= l.Name; }
        }
        if (reasons.Count == 0) yield break;
        reasons.Add($"training accuracy {train:0.###} stays below validation accuracy {val:0.###}");
        yield return Make(r, layer, ev, reasons, 0.55);
    }

    private Finding Make(RunRecord r, string? layer, Evidence ev, List<string> reasons, double confidence) =>
        new Finding(Code, Severity.Warning, "Regularization may be too strong: " + string.Join(", ", reasons))
        {
            Layer = layer,
            Evidence = ev,
            Confidence = confidence,
            Explanation =
                "Regularization fights overfitting by limiting what the model can fit; too much of it (" + string.Join(", ", reasons) +
                ") keeps the model from fitting even the training data.",
            Fixes =
            [
                new Fix("reduce_dropout", "Use dropout of 0.2–0.5.", "layers.Dropout(0.3)"),
                new Fix("reduce_penalty", "Use a smaller weight penalty.", "kernel_regularizer=keras.regularizers.l2(1e-4)"),
            ],
        };
}
