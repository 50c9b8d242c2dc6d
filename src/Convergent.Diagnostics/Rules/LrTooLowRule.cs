namespace Convergent.Diagnostics;

/// <summary>
/// LR_TOO_LOW: steps are tiny — the update/weight ratio stays far below healthy (median over layers and steps
/// &lt; 1e-4) but not zero (that is UNCHANGED_WEIGHTS), while the loss still creeps down.
/// </summary>
public sealed class LrTooLowRule : Rule
{
    public override string Code => FindingCode.LrTooLow;

    /// <summary>Update/weight ratio below which steps are too small. findings.md "Thresholds": healthy ≈ 1e-3,
    /// suspicious outside 1e-4 … 1e-1.</summary>
    public double MinUpdateRatio { get; set; } = 1e-4;

    /// <summary>Median mean |g| over layers that counts as "gradients alive" (findings.md's vanishing bound, 1e-7).</summary>
    public double MinGradientMeanAbs { get; set; } = 1e-7;

    /// <summary>The recent loss must still be at least this share of the initial loss (0.3): small updates near a minimum
    /// are expected (the gradient shrinks); they are a problem only while much remains to be learned.</summary>
    public double MinLossShareOfInitial { get; set; } = 0.3;

    /// <summary>Recorded steps the median is taken over (50: long enough to see the loss creep). Our choice.</summary>
    public int WindowSteps { get; set; } = 50;

    private long _checkedAt;

    public override IEnumerable<Finding> CheckStep(RunRecord r, long step)
    {
        if (r.Steps.Total - _checkedAt < 10) yield break;
        _checkedAt = r.Steps.Total;
        foreach (var f in Check(r, WindowSteps)) yield return f;
    }

    public override IEnumerable<Finding> CheckAfter(RunRecord r)
    {
        int have = r.Layers.Select(l => l.UpdateRatio.Count).DefaultIfEmpty(0).Max();
        return have is >= 10 && have < WindowSteps ? Check(r, have) : [];
    }

    private IEnumerable<Finding> Check(RunRecord r, int window)
    {
        if (!r.Layers.Any(l => l.UpdateRatio.Count >= window)) yield break;
        double ratio = Curves.MedianOverLayers(r, l => l.UpdateRatio, window);
        if (!(ratio < MinUpdateRatio)) yield break;
        // the gradients must be alive: tiny steps from zero gradients are VANISHING_GRADIENT/UNCHANGED_WEIGHTS
        double grad = Curves.MedianOverLayers(r, l => l.GradientMeanAbs, window);
        if (!(grad >= MinGradientMeanAbs)) yield break;
        var chunks = Trend.ChunkMeans(r.Steps.Loss.LastValues(window), Math.Max(1, window / 5));
        if (!(Robust.Median(chunks) >= MinLossShareOfInitial * Curves.InitialLoss(r))) yield break;
        var (slope, _) = Trend.TheilSen(Trend.Log(chunks));
        double change = slope * (chunks.Length - 1);
        if (change > 0.05) yield break;   // rising loss is not a small learning rate
        long since = r.Steps.Loss.Steps[r.Steps.Loss.Count - Math.Min(window, r.Steps.Loss.Count)];
        var ev = new Evidence
        {
            { "update_ratio", ratio },
            { "healthy_update_ratio", 1e-3 },
            { "loss_relative_change", change },
            { "window_steps", window },
            { "gradient_mean_abs", grad },
        };
        if (Curves.LearningRate(r) is double lr) ev.Add("learning_rate", lr);
        yield return new Finding(Code, Severity.Warning, $"Learning rate too low: updates are only {EvidenceValue.Format(ratio)} of the weights per step (healthy ≈ 1e-3)")
        {
            Epoch = Curves.EpochOf(r, since),
            Step = since,
            Evidence = ev,
            Confidence = ratio < MinUpdateRatio / 10 ? 0.8 : 0.6,
            Explanation =
                "Each optimizer step changes the weights by a tiny fraction of their size, so the loss falls far more slowly than it could. " +
                "A learning rate about 10× larger, or an adaptive optimizer such as Adam, trains in far fewer epochs.",
            Fixes =
            [
                new Fix("raise_learning_rate", "Use a 10× larger learning rate.",
                    KerasCode.Optimizer(r.Training.Optimizer, KerasCode.ScaledLearningRate(r.Training, 10))),
                new Fix("use_adam", "Use an adaptive optimizer.", "optimizer=keras.optimizers.Adam(learning_rate=1e-3)"),
                new Fix("lr_range_test", "Sweep the learning rate over a few hundred steps and pick the one where loss falls fastest.",
                    "callbacks=[keras.callbacks.LearningRateScheduler(lambda epoch: 1e-5 * 10 ** (epoch / 5))]"),
            ],
        };
    }
}
