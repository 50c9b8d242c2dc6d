namespace Convergent.Diagnostics;

/// <summary>
/// SATURATED_ACTIVATION: most units of a hidden tanh/sigmoid layer sit where the function is flat (|z| ≥ 5) for every
/// sample of the batch, so they pass back almost no gradient and stop learning. The output layer is judged by
/// SATURATED_OUTPUT instead.
/// </summary>
public sealed class SaturatedActivationRule : Rule
{
    public override string Code => FindingCode.SaturatedActivation;

    /// <summary>Share of saturated units. findings.md "Thresholds": |pre-activation| ≥ 5 on &gt; 50 % of units. The probe
    /// counts a unit when it is at or beyond the bound (<see cref="ProbeOptions.SaturationBound"/>) for the whole batch —
    /// as a dead ReLU is zero for the whole batch. Counting single pre-activations instead flagged healthy tanh layers on
    /// unscaled inputs: a unit that separates the classes is flat far from its boundary by design (the suite's
    /// ok-blobs-sgd: 40–58 % of pre-activations, but at most 25 % of units saturated on a whole batch; the faulty
    /// setups: 55–100 % of units).</summary>
    public double SaturatedShareThreshold { get; set; } = 0.5;

    /// <summary>Consecutive recorded steps that must all exceed the threshold (5; see <see cref="DeadReluRule.MinSteps"/>).</summary>
    public int MinSteps { get; set; } = 5;

    public override IEnumerable<Finding> CheckStep(RunRecord r, long step)
    {
        foreach (var l in r.Layers)
            if (Check(r, l, MinSteps) is { } f) yield return f;
    }

    public override IEnumerable<Finding> CheckAfter(RunRecord r)
    {
        foreach (var l in r.Layers)
            if (l.SaturatedShare.Count is >= 2 && l.SaturatedShare.Count < MinSteps && Check(r, l, l.SaturatedShare.Count) is { } f) yield return f;
    }

    private Finding? Check(RunRecord r, LayerRecord l, int steps)
    {
        var s = l.SaturatedShare;
        if (s.Count < steps || l.Name == r.Model?.OutputLayer?.Name) return null;
        var last = s.LastValues(steps);
        foreach (var v in last) if (!(v > SaturatedShareThreshold)) return null;
        var vals = s.Values;
        int i = vals.Length - 1;
        while (i > 0 && vals[i - 1] > SaturatedShareThreshold) i--;
        long since = s.Steps[i];
        double share = Robust.Median(last);
        int li = r.Model?.IndexOf(l.Name) ?? -1;
        string act = li >= 0 && r.Model!.Layers[li].Activation is { } k ? k.ToString().ToLowerInvariant() : "tanh/sigmoid";
        return new Finding(Code, Severity.Warning, $"{share:P0} of the {act} units of {l.Name} are saturated (|z| ≥ 5 on every sample of the batch)")
        {
            Layer = l.Name,
            Epoch = Curves.EpochOf(r, since),
            Step = since,
            Evidence = new Evidence
            {
                { "saturated_fraction", share },
                { "activation", act },
                { "since_step", since },
                { "steps_observed", steps },
            },
            Confidence = Math.Clamp(0.55 + (share - SaturatedShareThreshold), 0.55, 0.9),
            Explanation =
                $"For most of the {act} units of '{l.Name}' the input is so large (|z| ≥ 5) on every sample that the function is flat there: " +
                "the output is pinned near its limits and the gradient is almost zero, so these units (and the layers below them) learn very slowly.",
            Fixes =
            [
                new Fix("normalize_inputs", "Scale inputs to about unit range.", "x_train = (x_train - x_train.mean(axis=0)) / x_train.std(axis=0)"),
                new Fix("glorot_init", "Use an initializer scaled for tanh/sigmoid.", "kernel_initializer=\"glorot_uniform\""),
                new Fix("batch_normalization", "Normalize pre-activations before the activation.", "layers.Dense(units), layers.BatchNormalization(), layers.Activation(\"tanh\")"),
                new Fix("use_relu", "Use ReLU-family activations in hidden layers; they do not saturate for positive inputs.", "activation=\"relu\""),
            ],
        };
    }
}
