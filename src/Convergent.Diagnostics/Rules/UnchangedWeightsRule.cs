namespace Convergent.Diagnostics;

/// <summary>
/// UNCHANGED_WEIGHTS: a trainable layer's weights stopped changing — the optimizer's update is (almost) zero relative
/// to the weights, step after step (zero gradients from dead or saturated units upstream, or a frozen path).
/// </summary>
public sealed class UnchangedWeightsRule : Rule
{
    public override string Code => FindingCode.UnchangedWeights;

    /// <summary>Update/weight ratio ‖Δw‖/‖w‖ below which weights count as unchanged (1e-7). findings.md gives ≈ 1e-3 as
    /// healthy and 1e-4 as the low end of normal; 1e-7 is three orders below that, where float32 weights of
    /// magnitude ~1 barely change at all.</summary>
    public double MaxUpdateRatio { get; set; } = 1e-7;

    /// <summary>Recorded steps that must all be below the bound. Our choice.</summary>
    public int WindowSteps { get; set; } = 10;

    public override IEnumerable<Finding> CheckStep(RunRecord r, long step) => Check(r, WindowSteps);

    public override IEnumerable<Finding> CheckAfter(RunRecord r)
    {
        int count = r.Layers.Select(l => l.UpdateRatio.Count).DefaultIfEmpty(0).Max();
        return count is >= 3 && count < WindowSteps ? Check(r, count) : [];
    }

    private IEnumerable<Finding> Check(RunRecord r, int window)
    {
        if (Curves.HasConverged(r, window)) yield break;   // a perfect fit has nothing left to change
        foreach (var l in r.Layers)
        {
            var u = l.UpdateRatio;
            if (u.Count < window) continue;
            var last = u.LastValues(window);
            bool all = true;
            foreach (var v in last) if (!(v < MaxUpdateRatio)) { all = false; break; }
            if (!all) continue;
            var vals = u.Values;
            int i = vals.Length - 1;
            while (i > 0 && vals[i - 1] < MaxUpdateRatio) i--;
            long since = u.Steps[i];
            double ratio = Robust.Median(last);
            var ev = new Evidence { { "update_ratio", ratio }, { "since_step", since }, { "steps_observed", window } };
            if (!l.GradientNorm.IsEmpty) ev.Add("gradient_norm", Robust.Median(l.GradientNorm.LastValues(window)));
            yield return new Finding(Code, Severity.Warning, $"Weights of {l.Name} stopped changing (update/weight ratio {EvidenceValue.Format(ratio)}) since step {since}")
            {
                Layer = l.Name,
                Epoch = Curves.EpochOf(r, since),
                Step = since,
                Evidence = ev,
                Confidence = ratio == 0 ? 0.95 : 0.8,
                Explanation =
                    $"Each optimizer step changes the weights of '{l.Name}' by less than {EvidenceValue.Format(MaxUpdateRatio)} of their size (healthy is " +
                    "about 1e-3): the layer has effectively stopped learning. Its gradient is (near) zero — usually because the units above it are " +
                    "dead or saturated and pass no error signal back.",
                Fixes =
                [
                    new Fix("fix_root_cause", "Fix the cause listed before this finding (dead ReLUs, saturated output, vanishing gradients).", null),
                    new Fix("check_trainable", "Make sure the layer is meant to train.", "layer.trainable = True"),
                    new Fix("lower_learning_rate", "If the first updates killed the units, restart with a 10× smaller learning rate.",
                        KerasCode.Optimizer(r.Training.Optimizer, KerasCode.ScaledLearningRate(r.Training, 0.1))),
                ],
            };
        }
    }
}
