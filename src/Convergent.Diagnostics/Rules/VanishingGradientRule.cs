namespace Convergent.Diagnostics;

/// <summary>
/// VANISHING_GRADIENT: a layer's gradients are near zero (mean |g| &lt; 1e-7), or the first weighted layer's are orders
/// of magnitude below the last one's. Both read as medians over recent steps, never one value.
/// </summary>
public sealed class VanishingGradientRule : Rule
{
    public override string Code => FindingCode.VanishingGradient;

    /// <summary>mean |g| below which a layer's gradient counts as vanished. findings.md "Thresholds": 1e-7.</summary>
    public double MinMeanAbsGradient { get; set; } = 1e-7;

    /// <summary>First-to-last layer ratio of mean |g| below which gradients vanish across depth. findings.md: 1e-3.</summary>
    public double MinFirstLastRatio { get; set; } = 1e-3;

    /// <summary>Recorded steps the median is taken over (and that must exist). Our choice.</summary>
    public int WindowSteps { get; set; } = 10;

    public override IEnumerable<Finding> CheckStep(RunRecord r, long step) => Check(r, WindowSteps);

    public override IEnumerable<Finding> CheckAfter(RunRecord r)
    {
        int count = r.Layers.Select(l => l.GradientMeanAbs.Count).DefaultIfEmpty(0).Max();
        return count is >= 2 && count < WindowSteps ? Check(r, count) : [];
    }

    private IEnumerable<Finding> Check(RunRecord r, int window)
    {
        var layers = r.Layers.Where(l => l.GradientMeanAbs.Count >= window).ToList();
        if (layers.Count == 0 || Curves.HasConverged(r, window)) yield break;
        foreach (var l in layers)
        {
            double m = Robust.Median(l.GradientMeanAbs.LastValues(window));
            if (!(m < MinMeanAbsGradient)) continue;
            var vals = l.GradientMeanAbs.Values;
            int start = Curves.RunStart(vals, v => v < MinMeanAbsGradient);
            if (start >= vals.Length) start = vals.Length - window;
            long since = l.GradientMeanAbs.Steps[start];
            yield return Make(r, l.Name, since, new Evidence
            {
                { "gradient_mean_abs", m },
                { "threshold", MinMeanAbsGradient },
                { "since_step", since },
            }, $"Gradients of {l.Name} vanished: mean |g| = {EvidenceValue.Format(m)}", 0.85);
        }
        if (layers.Count >= 2)
        {
            double first = Robust.Median(layers[0].GradientMeanAbs.LastValues(window));
            double last = Robust.Median(layers[^1].GradientMeanAbs.LastValues(window));
            if (first >= MinMeanAbsGradient && last > 0 && first / last < MinFirstLastRatio)
            {
                long since = layers[0].GradientMeanAbs.Steps[layers[0].GradientMeanAbs.Count - window];
                yield return Make(r, layers[0].Name, since, new Evidence
                {
                    { "first_layer_gradient_mean_abs", first },
                    { "last_layer_gradient_mean_abs", last },
                    { "first_last_ratio", first / last },
                    { "last_layer", layers[^1].Name },
                }, $"Gradients vanish with depth: first/last layer ratio {EvidenceValue.Format(first / last)}", 0.75);
            }
        }
    }

    private Finding Make(RunRecord r, string layer, long since, Evidence ev, string title, double confidence) =>
        new Finding(Code, Severity.Warning, title)
        {
            Layer = layer,
            Epoch = Curves.EpochOf(r, since),
            Step = since,
            Evidence = ev,
            Confidence = confidence,
            Explanation =
                $"The gradients reaching layer '{layer}' are so small that its weights barely change: the error signal fades as it is passed " +
                "back through the layers above (saturated tanh/sigmoid units, dead ReLUs, or a poor initialization shrink it at every layer).",
            Fixes =
            [
                new Fix("use_relu", "Use ReLU-family activations in hidden layers.", "activation=\"relu\""),
                new Fix("he_init", "Initialize for the activation.", "kernel_initializer=\"he_normal\""),
                new Fix("batch_normalization", "Add batch normalization between layers.", "layers.BatchNormalization()"),
                new Fix("shallower_model", "Use fewer layers, or residual connections in deep models.", null),
            ],
        };
}
