using Convergent.Nn;

namespace Convergent.Diagnostics;

/// <summary>
/// DEAD_RELU: a large share of a ReLU layer's units output zero for every sample of the batch, step after step.
/// Which layers are ReLU is read from the layer's activation kind, never from its name.
/// </summary>
public sealed class DeadReluRule : Rule
{
    public override string Code => FindingCode.DeadRelu;

    /// <summary>Share of units dead for the whole batch. findings.md "Thresholds": dead ReLU ≥ 70 % of units never active
    /// (the default of published detectors, e.g. AUTOTRAINER).</summary>
    public double DeadShareThreshold { get; set; } = 0.7;

    /// <summary>Consecutive recorded steps that must all be at or above the threshold. Our choice: a share from one batch
    /// is one value; five batches show it persists.</summary>
    public int MinSteps { get; set; } = 5;

    /// <summary>Share at or above which the layer passes nothing and the finding is an error (0.99).</summary>
    public double ErrorShare { get; set; } = 0.99;

    public override IEnumerable<Finding> CheckStep(RunRecord r, long step)
    {
        foreach (var l in r.Layers)
            if (Check(r, l, MinSteps) is { } f) yield return f;
    }

    public override IEnumerable<Finding> CheckAfter(RunRecord r)
    {
        // short runs: judge on every recorded step when fewer than MinSteps exist (at least 2)
        foreach (var l in r.Layers)
            if (l.DeadShare.Count is >= 2 && l.DeadShare.Count < MinSteps && Check(r, l, l.DeadShare.Count) is { } f) yield return f;
    }

    private Finding? Check(RunRecord r, LayerRecord l, int steps)
    {
        var s = l.DeadShare;
        if (s.Count < steps || !IsRelu(r, l.Name)) return null;
        var last = s.LastValues(steps);
        if (!Robust.AllAtLeast(last, DeadShareThreshold)) return null;
        var vals = s.Values;
        int i = vals.Length - 1;
        while (i > 0 && vals[i - 1] >= DeadShareThreshold) i--;
        long since = s.Steps[i];
        double share = Robust.Median(last);
        double lr = KerasCode.ScaledLearningRate(r.Training, 0.1);
        return new Finding(Code, share >= ErrorShare ? Severity.Error : Severity.Warning,
            $"{share:P0} of the ReLU units of {l.Name} are dead (zero for every sample) since step {since}")
        {
            Layer = l.Name,
            Epoch = Curves.EpochOf(r, since),
            Step = since,
            Evidence = new Evidence
            {
                { "dead_fraction", share },
                { "since_step", since },
                { "steps_observed", steps },
                { "threshold", DeadShareThreshold },
            },
            Confidence = Math.Clamp(0.6 + 0.4 * (share - DeadShareThreshold) / (1 - DeadShareThreshold), 0.6, 0.95),
            Explanation =
                $"In layer '{l.Name}', {share:P0} of the ReLU units output 0 for every sample in the batch. A ReLU that outputs 0 has gradient 0, " +
                "so these units no longer learn and pass nothing to the layers above — they are dead. This usually happens when a too-large " +
                "update pushes their weights or biases far negative, or when inputs are on a large scale.",
            Fixes =
            [
                new Fix("lower_learning_rate", "Use a 10× smaller learning rate so updates do not knock units out.",
                    KerasCode.Optimizer(r.Training.Optimizer, lr)),
                new Fix("leaky_relu", "Use an activation whose gradient is never exactly zero.", "layers.Dense(units, activation=\"leaky_relu\")  # or layers.LeakyReLU(negative_slope=0.1)"),
                new Fix("he_init", "Initialize ReLU layers for their activation.", "kernel_initializer=\"he_normal\""),
                new Fix("normalize_inputs", "Scale inputs to about unit range.", "x_train = x_train / 255.0  # images; else standardize"),
                new Fix("batch_normalization", "Normalize pre-activations so units stay in their active range.", "layers.BatchNormalization()  # before the activation"),
            ],
        };
    }

    private static bool IsRelu(RunRecord r, string layer)
    {
        if (r.Model is null) return true;   // dead shares are only recorded for ReLU layers
        int i = r.Model.IndexOf(layer);
        return i < 0 || r.Model.Layers[i].Activation == ActivationKind.Relu;
    }
}
