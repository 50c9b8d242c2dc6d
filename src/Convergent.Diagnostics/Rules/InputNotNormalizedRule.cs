namespace Convergent.Diagnostics;

/// <summary>
/// INPUT_NOT_NORMALIZED: the inputs are far from unit scale (e.g. raw 0–255 pixels) or the features are on wildly
/// different scales. Gradient descent works best with inputs of mean ≈ 0 and comparable variance ≈ 1
/// (LeCun, Bottou, Orr, Müller, "Efficient BackProp", 1998, §4.3).
/// </summary>
public sealed class InputNotNormalizedRule : Rule
{
    public override string Code => FindingCode.InputNotNormalized;

    /// <summary>Largest max(|mean|, std) of the inputs still counted as "about unit scale". Our choice (5): inputs scaled to
    /// [0, 1] or standardized are far below it; raw pixels (mean ≈ 120, std ≈ 60) far above.</summary>
    public double MaxScale { get; set; } = 5;

    /// <summary>Largest ratio between the largest and smallest per-feature standard deviation (100). Our choice.</summary>
    public double MaxFeatureScaleRatio { get; set; } = 100;

    /// <summary>
    /// What the model does to its inputs before any learned layer: <c>x·a + b</c> from leading <c>Rescaling</c> layers, or
    /// <c>Normalized</c> when a normalization layer comes first (it fixes the scale itself).
    /// </summary>
    internal static (double A, double B, bool Normalized) LeadingTransform(ModelFacts? model)
    {
        double a = 1, b = 0;
        if (model is null) return (a, b, false);
        foreach (var l in model.Layers)
        {
            if (l.ClassName is "InputLayer") continue;
            if (l.ClassName is "Normalization" or "BatchNormalization" or "LayerNormalization") return (a, b, true);
            if (l.ClassName != "Rescaling" || l.Get("scale") is not double scale) break;
            double offset = l.Get("offset") as double? ?? 0;
            (a, b) = (a * scale, b * scale + offset);
        }
        return (a, b, false);
    }

    public override IEnumerable<Finding> CheckBefore(RunRecord r)
    {
        if (r.Data?.Input is not { Count: > 0 } raw) yield break;
        var (ta, tb, normalized) = LeadingTransform(r.Model);
        if (normalized) yield break;
        bool rescaled = ta != 1 || tb != 0;
        var s = rescaled ? raw.Transformed(ta, tb) : raw;
        double scale = Math.Max(Math.Abs(s.Mean), s.Std);
        bool pixels = s.Min >= 0 && s.Max > 1.5 && s.Max <= 255 && r.Data.InputShape.Length >= 2;
        if (scale > MaxScale)
        {
            var ev = new Evidence { { "min", s.Min }, { "max", s.Max }, { "mean", s.Mean }, { "std", s.Std } };
            if (s.Features is > 1 and <= 16)
            {
                ev.Add("feature_mean", s.FeatureMean);
                ev.Add("feature_std", s.FeatureStd);
            }
            if (rescaled)
            {
                ev.Add("model_rescaling_scale", ta);
                ev.Add("model_rescaling_offset", tb);
            }
            string title = rescaled
                ? $"Inputs reach the first learned layer far from unit scale even after the model's Rescaling (×{ta:0.####} + {tb:0.####}: {s.Min:0.##}…{s.Max:0.##})"
                : pixels ? $"Inputs are raw pixel values ({s.Min:0}…{s.Max:0}), not scaled" : $"Inputs are far from unit scale (mean {s.Mean:0.##}, std {s.Std:0.##})";
            yield return new Finding(Code, Severity.Warning, title)
            {
                Evidence = ev,
                Confidence = scale > 10 * MaxScale ? 0.95 : 0.8,
                Explanation =
                    $"The inputs range from {s.Min:0.###} to {s.Max:0.###} (mean {s.Mean:0.###}, std {s.Std:0.###}). Networks train best on inputs of " +
                    "about unit size: large inputs make the first layer's outputs and gradients huge, so the first updates can kill ReLUs or " +
                    "saturate the output.",
                Fixes = rescaled
                    ? [
                        new Fix("rescaling_layer", $"Make the model's Rescaling map the inputs to about [0, 1]: divide by {raw.Max:0.###}.",
                            $"layers.Rescaling(1.0 / {raw.Max:0.###})  # replaces the model's first Rescaling"),
                    ]
                    : pixels
                    ? [
                        new Fix("normalize_inputs", "Divide pixel values by 255 (for training and test data alike).", "x_train = x_train / 255.0; x_test = x_test / 255.0"),
                        new Fix("rescaling_layer", "Or put the scaling in the model.", "layers.Rescaling(1.0 / 255)  # first layer"),
                    ]
                    : [
                        new Fix("standardize_inputs", "Standardize each feature with the training set's mean and std.",
                            "mean, std = x_train.mean(axis=0), x_train.std(axis=0) + 1e-7; x_train = (x_train - mean) / std; x_test = (x_test - mean) / std"),
                        new Fix("normalization_layer", "Or let a Normalization layer learn the statistics.",
                            "norm = layers.Normalization(); norm.adapt(x_train)  # first layer of the model"),
                    ],
            };
            yield break;
        }
        if (s.Features < 2) yield break;
        int hi = -1, lo = -1;
        for (int f = 0; f < s.Features; f++)
        {
            double sd = s.FeatureStd[f];
            if (!(sd > 1e-12)) continue;   // constant features have no scale
            if (hi < 0 || sd > s.FeatureStd[hi]) hi = f;
            if (lo < 0 || sd < s.FeatureStd[lo]) lo = f;
        }
        if (hi < 0 || lo < 0 || s.FeatureStd[hi] / s.FeatureStd[lo] <= MaxFeatureScaleRatio) yield break;
        double ratio = s.FeatureStd[hi] / s.FeatureStd[lo];
        yield return new Finding(Code, Severity.Warning, $"Features are on very different scales (std ratio {ratio:0})")
        {
            Evidence = new Evidence
            {
                { "largest_std_feature", hi }, { "largest_std", s.FeatureStd[hi] },
                { "smallest_std_feature", lo }, { "smallest_std", s.FeatureStd[lo] },
                { "std_ratio", ratio },
            },
            Confidence = 0.75,
            Explanation =
                $"Feature {hi} varies {ratio:0}× more than feature {lo}. With one learning rate for all weights, the large features dominate " +
                "the gradient and the small ones are learned very slowly.",
            Fixes =
            [
                new Fix("standardize_inputs", "Standardize each feature.",
                    "mean, std = x_train.mean(axis=0), x_train.std(axis=0) + 1e-7; x_train = (x_train - mean) / std"),
                new Fix("normalization_layer", "Or use a Normalization layer.", "norm = layers.Normalization(); norm.adapt(x_train)"),
            ],
        };
    }
}
