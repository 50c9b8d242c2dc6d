namespace Convergent.Diagnostics;

/// <summary>
/// INIT_LOSS_ANOMALY: the crossentropy loss of the untrained model is far from ln C, the loss of a uniform guess over
/// C classes (Karpathy, "A Recipe for Training Neural Networks", 2019: "verify loss @ init").
/// </summary>
public sealed class InitLossAnomalyRule : Rule
{
    public override string Code => FindingCode.InitLossAnomaly;

    /// <summary>Initial loss above this multiple of ln C is anomalous (4). Our choice: healthy models on inputs of scale
    /// ~3 start near 3× ln 2; broken ones at 10× and more.</summary>
    public double MaxRatio { get; set; } = 4;

    /// <summary>Initial loss below this multiple of ln C is suspicious (0.25): a model should not know the answers before training.</summary>
    public double MinRatio { get; set; } = 0.25;

    public override IEnumerable<Finding> CheckBefore(RunRecord r)
    {
        double? loss0 = r.Init?.InitialLoss;
        if (loss0 is not double l || !double.IsFinite(l)) yield break;
        string loss = r.Training.Loss ?? "";
        if (!loss.Contains("crossentropy", StringComparison.Ordinal)) yield break;
        int classes = loss.Contains("binary", StringComparison.Ordinal) ? 2 : r.Classes;
        if (classes < 2) yield break;
        double expected = Math.Log(classes);
        double ratio = l / expected;
        if (ratio <= MaxRatio && ratio >= MinRatio) yield break;
        bool high = ratio > MaxRatio;
        yield return new Finding(Code, high ? Severity.Warning : Severity.Info,
            $"Loss at initialization is {l:0.####}, expected about ln {classes} = {expected:0.####}")
        {
            Evidence = new Evidence
            {
                { "initial_loss", l },
                { "expected_loss", expected },
                { "classes", classes },
                { "ratio", ratio },
            },
            Confidence = high ? 0.8 : 0.5,
            Explanation = high
                ? $"An untrained classifier should be unsure and give each of the {classes} classes about equal probability, which costs ln {classes} = " +
                  $"{expected:0.###}. The loss is {ratio:0.#}× that: the untrained network is already confidently wrong, usually because inputs are " +
                  "not scaled, the initialization is too large, or the output layer does not match the loss."
                : "The untrained network already scores far better than a uniform guess. Check for labels leaking into the inputs.",
            Fixes = high
                ?
                [
                    new Fix("normalize_inputs", "Scale the inputs to about unit range.", "x_train = x_train / 255.0"),
                    new Fix("check_output_layer", "Check the output activation and loss pairing.", "layers.Dense(num_classes, activation=\"softmax\"), loss=\"categorical_crossentropy\""),
                    new Fix("default_init", "Use Keras's default initializers.", "kernel_initializer=\"glorot_uniform\""),
                ]
                : [new Fix("check_leakage", "Make sure no input column encodes the label.", null)],
        };
    }
}
