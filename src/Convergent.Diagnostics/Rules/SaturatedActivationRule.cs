namespace Convergent.Diagnostics;

/// <summary>
/// SATURATED_ACTIVATION: most pre-activations of a hidden tanh/sigmoid layer sit where the function is flat
/// (|z| ≥ 5), so its gradient vanishes. The output layer is judged by SATURATED_OUTPUT instead.
/// </summary>
public sealed class SaturatedActivationRule : Rule
{
    public override string Code => FindingCode.SaturatedActivation;

    /// <summary>Share of saturated pre-activations. findings.md "Thresholds": |pre-activation| ≥ 5 on &gt; 50 % of units
    /// (the bound 5 itself is applied by the probe: <see cref="ProbeOptions.SaturationBound"/>).</summary>
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
        return new Finding(Code, Severity.Warning, $"{share:P0} of the {act} units of {l.Name} are saturated (|z| ≥ 5)")
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
                $"Most inputs to the {act} units of '{l.Name}' are so large (|z| ≥ 5) that the function is flat there: the output is pinned " +
                "near its limits and the gradient is almost zero, so these units (and the layers below them) learn very slowly.",
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
