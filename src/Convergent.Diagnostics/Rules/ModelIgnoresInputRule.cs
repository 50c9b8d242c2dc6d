namespace Convergent.Diagnostics;

/// <summary>
/// MODEL_IGNORES_INPUT (quick probe): the same short training on all-zero inputs reaches as low a loss as on the real
/// inputs — the model does not use its input (Karpathy 2019, "input-independent baseline"). Reads
/// <see cref="InitFacts.ZeroInput"/>, filled by <see cref="ZeroInputProbe"/>.
/// </summary>
public sealed class ModelIgnoresInputRule : Rule
{
    public override string Code => FindingCode.ModelIgnoresInput;

    /// <summary>The real-input loss must be below this share of the zeroed-input loss (0.95) to show the input is used.</summary>
    public double MaxLossRatio { get; set; } = 0.95;

    public override IEnumerable<Finding> CheckBefore(RunRecord r)
    {
        if (r.Init?.ZeroInput is not { } z || !double.IsFinite(z.RealLoss) || !double.IsFinite(z.ZeroLoss) || z.ZeroLoss <= 0) yield break;
        double ratio = z.RealLoss / z.ZeroLoss;
        if (ratio < MaxLossRatio) yield break;
        yield return new Finding(Code, z.TimedOut ? Severity.Info : Severity.Warning,
            ratio > 1.05
                ? $"The model does worse on its real inputs (loss {z.RealLoss:0.####}) than on zeroed inputs ({z.ZeroLoss:0.####})"
                : $"The model does as well on zeroed inputs (loss {z.ZeroLoss:0.####}) as on real ones ({z.RealLoss:0.####})")
        {
            Evidence = new Evidence
            {
                { "loss_real", z.RealLoss },
                { "loss_zeroed", z.ZeroLoss },
                { "ratio", ratio },
                { "steps", z.Steps },
            },
            Confidence = z.TimedOut ? 0.4 : 0.75,
            Explanation =
                $"After the same {z.Steps} training steps, a copy of the model fed only zeros reaches {(ratio > 1.05 ? "a lower" : "the same")} loss as one fed the real data. " +
                "Whatever the model learns, it is not using the input: the inputs may not reach the output (collapsed feature maps, dead units), " +
                "or they carry no usable signal at this scale.",
            Fixes =
            [
                new Fix("check_input_pipeline", "Check that x and y line up and the inputs are scaled.", "print(x_train.min(), x_train.max(), y_train[:10])"),
                new Fix("normalize_inputs", "Scale inputs to about unit range.", "x_train = x_train / 255.0"),
            ],
        };
    }
}
