namespace Convergent.Diagnostics;

/// <summary>
/// CONSTANT_PREDICTION: the model predicts one class for every input, so accuracy equals that class's share.
/// From probes: the predicted-class histogram of an epoch (or of the recent batches) has ≥ 99 % in one class.
/// From epochs (also logs): training and validation accuracy are constant to four decimals over several epochs.
/// </summary>
public sealed class ConstantPredictionRule : Rule
{
    public override string Code => FindingCode.ConstantPrediction;

    /// <summary>Share of predictions in one class that counts as constant (0.99). Our choice.</summary>
    public double MinMajorityShare { get; set; } = 0.99;

    /// <summary>Fewest predictions in an epoch's histogram for a verdict.</summary>
    public long MinPredictions { get; set; } = 32;

    /// <summary>Streaming: batches that must all be constant, after the same number of warm-up steps (an untrained
    /// network often predicts one class at first).</summary>
    public int WindowSteps { get; set; } = 50;

    /// <summary>Streaming: largest relative change of the loss over the window for the model to count as stuck (1 %).</summary>
    public double MaxWindowLossChange { get; set; } = 0.01;

    /// <summary>Epochs of constant accuracy required on the epoch path (3).</summary>
    public int ConstantEpochs { get; set; } = 3;

    /// <summary>Absolute band within which accuracy counts as constant (1e-4: Keras prints four decimals).</summary>
    public double AccuracyTolerance { get; set; } = 1e-4;

    public override IEnumerable<Finding> CheckStep(RunRecord r, long step)
    {
        var s = r.Output.MajorityPredictionShare;
        if (s.Count < 2 * WindowSteps || !Robust.AllAtLeast(s.LastValues(WindowSteps), MinMajorityShare)) yield break;
        long since = s.Steps[s.Count - WindowSteps];
        // the loss over the same steps (the share series may be sampled) must be flat: a falling loss is still learning
        var loss = r.Steps.Loss;
        int from = 0;
        while (from < loss.Count && loss.Steps[from] < since) from++;
        var chunks = Trend.ChunkMeans(loss.Values[from..], 10);
        if (chunks.Length < 2) yield break;
        double change = Trend.TheilSen(Trend.Log(chunks)).Slope * (chunks.Length - 1);
        if (!(Math.Abs(change) < MaxWindowLossChange)) yield break;
        yield return Make(r, Curves.EpochOf(r, since), since, new Evidence
        {
            { "majority_prediction_share", Robust.Median(s.LastValues(WindowSteps)) },
            { "window_steps", WindowSteps },
            { "since_step", since },
        }, 0.8);
    }

    /// <summary>Consecutive epochs whose histograms must be constant (2): an untrained network often predicts one class
    /// during its first epoch and then learns.</summary>
    public int HistogramEpochs { get; set; } = 2;

    private bool IsConstant(PredictedClassCounts? h) =>
        h is not null && h.Total >= MinPredictions && h.Counts.Length >= 2 && h.MajorityShare >= MinMajorityShare;

    public override IEnumerable<Finding> CheckEpoch(RunRecord r, int epoch)
    {
        var hs = r.Output.PredictedClasses;
        // epochs are in order: look back only as far as this epoch (an epoch without a histogram must not cost a scan
        // of the whole run — quadratic over a long run of short epochs)
        int i = hs.Count - 1;
        while (i >= 0 && hs[i].Epoch > epoch) i--;
        if (i < 0 || hs[i].Epoch != epoch || i < HistogramEpochs - 1) yield break;
        for (int k = i - HistogramEpochs + 1; k <= i; k++)
            if (!IsConstant(hs[k]) || hs[k].MajorityClass != hs[i].MajorityClass) yield break;
        if (LossStillFalling(r, hs[i - HistogramEpochs + 1].Epoch, epoch)) yield break;
        foreach (var f in Make(r, hs[i - HistogramEpochs + 1].Epoch, hs[i])) yield return f;
    }

    /// <summary>A finding that starts at <paramref name="epoch"/>, with the histogram and accuracy of the latest epoch <paramref name="h"/>.</summary>
    private IEnumerable<Finding> Make(RunRecord r, int epoch, PredictedClassCounts h)
    {
        var ev = new Evidence
        {
            { "predicted_class", h.MajorityClass },
            { "prediction_share", h.MajorityShare },
            { "predicted_class_counts", EvidenceValue.List(h.Counts.Select(c => (double)c)) },
        };
        if (r.Data is { ClassShares.Length: > 0 } d && h.MajorityClass < d.ClassShares.Length) ev.Add("class_share", d.ClassShares[h.MajorityClass]);
        int idx = IndexOfEpoch(r, h.Epoch);
        if (idx >= 0 && r.Epochs.Get(EpochTable.AccuracyName, idx) is double acc) ev.Add("accuracy", acc);
        yield return Make(r, epoch, null, ev, 0.9);
    }

    public override IEnumerable<Finding> CheckAfter(RunRecord r)
    {
        if (r.Output.PredictedClasses.Count > 0)
        {
            // a run shorter than HistogramEpochs: its last epoch decides
            if (r.Output.PredictedClasses.Count < HistogramEpochs && IsConstant(r.Output.PredictedClasses[^1]))
                foreach (var f in Make(r, r.Output.PredictedClasses[^1].Epoch, r.Output.PredictedClasses[^1])) yield return f;
            yield break;   // the histogram path decided
        }
        var acc = r.Epochs.Accuracy;
        int n = r.Epochs.Count;
        if (n < ConstantEpochs || acc.Length != n) yield break;
        var (start, length) = Curves.FinalFlatRunAbsolute(acc, AccuracyTolerance);
        if (length < ConstantEpochs) yield break;
        var valAcc = r.Epochs.ValAccuracy;
        bool valConstant = valAcc.Length == n && Curves.FinalFlatRunAbsolute(valAcc, AccuracyTolerance).Length >= ConstantEpochs;
        if (valAcc.Length == n && !valConstant) yield break;
        var loss = r.Epochs.Loss;
        if (loss.Length == n && Curves.FinalFlatRun(loss, 0.01).Length < ConstantEpochs) yield break;   // loss moving: not stuck
        double a = acc[^1];
        var ev = new Evidence { { "accuracy", a }, { "constant_epochs", length } };
        if (valConstant) ev.Add("val_accuracy", valAcc[^1]);
        double confidence = 0.75;
        if (r.Data is { ClassShares.Length: > 0 } d)
        {
            int k = Array.IndexOf(d.ClassShares, d.ClassShares.OrderBy(s => Math.Abs(s - a)).First());
            ev.Add("nearest_class", k);
            ev.Add("class_share", d.ClassShares[k]);
            confidence = Math.Abs(d.ClassShares[k] - a) < 0.005 ? 0.95 : 0.6;
        }
        else
        {
            // without class shares: the accuracy is read as the share of the one class predicted
            ev.Add("implied_class_share", a);
        }
        yield return Make(r, r.Epochs.Numbers[start], null, ev, confidence);
    }

    /// <summary>Largest relative fall of the epoch loss per epoch that still counts as "stuck" (0.5 %): a network that
    /// predicts one class while its loss keeps falling is moving its decision boundary and usually gets there.</summary>
    public double MaxLossFallPerEpoch { get; set; } = 0.005;

    private bool LossStillFalling(RunRecord r, int fromEpoch, int toEpoch)
    {
        int a = IndexOfEpoch(r, fromEpoch), b = IndexOfEpoch(r, toEpoch);
        if (a < 0 || b <= a || r.Epochs.Get(EpochTable.LossName, a) is not double la || r.Epochs.Get(EpochTable.LossName, b) is not double lb) return false;
        return lb < la * Math.Pow(1 - MaxLossFallPerEpoch, b - a);
    }

    private static int IndexOfEpoch(RunRecord r, int epoch)
    {
        for (int i = 0; i < r.Epochs.Count; i++) if (r.Epochs.Numbers[i] == epoch) return i;
        return -1;
    }

    private Finding Make(RunRecord r, int? epoch, long? step, Evidence ev, double confidence) =>
        new Finding(Code, Severity.Error, ev.TryGet("accuracy", out var a) && a.Number is double acc
                ? $"The model predicts one class for every input; accuracy {acc:0.####} is just that class's share"
                : "The model predicts one class for every input")
        {
            Layer = r.Model?.OutputLayer?.Name,
            Epoch = epoch,
            Step = step,
            Evidence = ev,
            Confidence = confidence,
            Explanation =
                "Every sample gets the same predicted class, so the accuracy is simply the share of that class in the data and does not " +
                "change from epoch to epoch. The model ignores its input: usually because its output saturated or its hidden units died, " +
                "or because one class dominates the data.",
            Fixes =
            [
                new Fix("fix_root_cause", "Fix the cause listed before this finding (saturated output, dead units, learning rate, input scale).", null),
                new Fix("lower_learning_rate", "Use a 10× smaller learning rate.",
                    KerasCode.Optimizer(r.Training.Optimizer, KerasCode.ScaledLearningRate(r.Training, 0.1))),
                new Fix("class_weight", "If one class dominates, weight the classes by inverse frequency.",
                    "model.fit(..., class_weight={0: 1.0, 1: 5.0})  # n_samples / (n_classes * count_of_class)"),
            ],
        };
}
