namespace Convergent.Diagnostics;

/// <summary>
/// EXPLODING_GRADIENT: gradients become non-finite, grow by orders of magnitude over their early level, spike far
/// outside their recent window (streaming z-score), or the first layer's mean |g| exceeds the last one's by a large
/// ratio.
/// </summary>
public sealed class ExplodingGradientRule : Rule
{
    private readonly Dictionary<string, (OutlierDetector Detector, int Fed)> _detectors = [];

    public override string Code => FindingCode.ExplodingGradient;

    /// <summary>Growth of a layer's gradient norm over its early median, and first/last layer mean |g| ratio, above
    /// which gradients explode. findings.md "Thresholds": exploding ratio &gt; 70.</summary>
    public double MaxRatio { get; set; } = 70;

    /// <summary>Early steps whose median is the baseline. Our choice.</summary>
    public int BaselineSteps { get; set; } = 10;

    /// <summary>Recent steps whose median is compared with the baseline. Our choice.</summary>
    public int RecentSteps { get; set; } = 5;

    /// <summary>Window of the streaming outlier detector over log gradient norms. Our choice.</summary>
    public int DetectorWindow { get; set; } = 32;

    /// <summary>z-score of a log gradient norm that counts as a spike (6: far beyond mini-batch noise).</summary>
    public double SpikeZ { get; set; } = 6;

    public override IEnumerable<Finding> CheckStep(RunRecord r, long step)
    {
        foreach (var l in r.Layers)
        {
            var g = l.GradientNorm;
            if (g.IsEmpty) continue;
            if (l.NonFiniteGradients.At(step) is > 0)
            {
                yield return Make(r, l.Name, step, Severity.Error, new Evidence
                {
                    { "nonfinite_gradients", l.NonFiniteGradients.At(step)!.Value },
                    { "step", step },
                }, $"Gradients of {l.Name} became NaN/Inf at step {step}", 0.95);
                continue;
            }
            // streaming spike detection on log norms
            if (!_detectors.TryGetValue(l.Name, out var d)) d = (new OutlierDetector(DetectorWindow), 0);
            double zMax = 0; long zStep = step; double zValue = 0;
            var vals = g.Values;
            for (int i = d.Fed; i < vals.Length; i++)
            {
                double z = d.Detector.Update(vals[i] > 0 ? Math.Log(vals[i]) : double.NaN);
                if (z > zMax) { zMax = z; zStep = g.Steps[i]; zValue = vals[i]; }
            }
            double windowMean = Math.Exp(d.Detector.Mean);
            _detectors[l.Name] = (d.Detector, vals.Length);
            if (zMax >= SpikeZ && zValue > MaxRatio * windowMean)
            {
                yield return Make(r, l.Name, zStep, Severity.Warning, new Evidence
                {
                    { "gradient_norm", zValue },
                    { "window_mean_norm", windowMean },
                    { "z_score", zMax },
                    { "ratio", zValue / windowMean },
                }, $"Gradient norm of {l.Name} spiked to {EvidenceValue.Format(zValue)} ({zValue / windowMean:0}× its recent level)", 0.75);
                continue;
            }
            if (g.Count < BaselineSteps + RecentSteps) continue;
            double baseline = Robust.Median(g.Values[..BaselineSteps]);
            double recent = Robust.Median(g.LastValues(RecentSteps));
            if (baseline > 0 && recent / baseline > MaxRatio)
            {
                long since = g.Steps[g.Count - RecentSteps];
                yield return Make(r, l.Name, since, Severity.Warning, new Evidence
                {
                    { "gradient_norm", recent },
                    { "baseline_norm", baseline },
                    { "growth", recent / baseline },
                }, $"Gradient norm of {l.Name} grew {recent / baseline:0}× over its early level", 0.8);
            }
        }
        // first vs last layer, per parameter (mean |g|), so parameter counts do not bias the ratio
        var withGrad = r.Layers.Where(l => l.GradientMeanAbs.Count >= RecentSteps).ToList();
        if (withGrad.Count >= 2)
        {
            double first = Robust.Median(withGrad[0].GradientMeanAbs.LastValues(RecentSteps));
            double last = Robust.Median(withGrad[^1].GradientMeanAbs.LastValues(RecentSteps));
            if (last > 0 && first / last > MaxRatio)
            {
                long since = withGrad[0].GradientMeanAbs.Steps[withGrad[0].GradientMeanAbs.Count - RecentSteps];
                yield return Make(r, withGrad[0].Name, since, Severity.Warning, new Evidence
                {
                    { "first_layer_gradient_mean_abs", first },
                    { "last_layer_gradient_mean_abs", last },
                    { "first_last_ratio", first / last },
                    { "last_layer", withGrad[^1].Name },
                }, $"Gradients grow with depth: first/last layer ratio {first / last:0}", 0.7);
            }
        }
    }

    private Finding Make(RunRecord r, string layer, long step, Severity severity, Evidence ev, string title, double confidence) =>
        new Finding(Code, severity, title)
        {
            Layer = layer,
            Epoch = Curves.EpochOf(r, step),
            Step = step,
            Evidence = ev,
            Confidence = confidence,
            Explanation =
                $"The gradients of layer '{layer}' are far larger than they were or than the other layers', so single updates throw the weights " +
                "far away; the loss jumps and can become NaN. Large learning rates, unscaled inputs and poor initialization cause this.",
            Fixes =
            [
                new Fix("clip_gradients", "Clip the gradient norm.",
                    KerasCode.Optimizer(r.Training.Optimizer, KerasCode.ScaledLearningRate(r.Training, 1), "clipnorm=1.0")),
                new Fix("lower_learning_rate", "Use a 10× smaller learning rate.",
                    KerasCode.Optimizer(r.Training.Optimizer, KerasCode.ScaledLearningRate(r.Training, 0.1))),
                new Fix("normalize_inputs", "Scale inputs to about unit range.", "x_train = x_train / 255.0  # images; else standardize"),
                new Fix("batch_normalization", "Add batch normalization between layers.", "layers.BatchNormalization()"),
            ],
        };
}
