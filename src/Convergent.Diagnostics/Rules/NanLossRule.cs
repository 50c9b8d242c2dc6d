namespace Convergent.Diagnostics;

/// <summary>
/// NAN_LOSS: the loss (or the weights) became NaN/Inf. Streaming: the batch loss at a step is not finite; the
/// evidence names the first layer (in model order) whose outputs or gradients were not finite at that step.
/// From epochs (also logs): the first epoch with a non-finite loss.
/// </summary>
public sealed class NanLossRule : Rule
{
    public override string Code => FindingCode.NanLoss;

    public override IEnumerable<Finding> CheckStep(RunRecord r, long step)
    {
        if (r.Steps.Loss.At(step) is not double loss || double.IsFinite(loss)) yield break;
        string? layer = null; string where = "loss";
        foreach (var l in r.Layers)
            if (l.NonFiniteActivations.At(step) is > 0) { layer = l.Name; where = "activations"; break; }
        if (layer is null)
            foreach (var l in r.Layers)
                if (l.NonFiniteGradients.At(step) is > 0) { layer = l.Name; where = "gradients"; break; }
        if (layer is null)
            foreach (var l in r.Layers)
                if (!l.WeightNorm.IsEmpty && !double.IsFinite(l.WeightNorm.Last.Value)) { layer = l.Name; where = "weights"; break; }
        var ev = new Evidence { { "loss", loss }, { "step", step } };
        if (layer is not null) { ev.Add("first_nonfinite_layer", layer); ev.Add("first_nonfinite_in", where); }
        var finite = r.Steps.Loss.Values;
        for (int i = finite.Length - 1; i >= 0; i--) if (double.IsFinite(finite[i])) { ev.Add("last_finite_loss", finite[i]); break; }
        if (Curves.LearningRate(r) is double lr) ev.Add("learning_rate", lr);
        yield return Make(r, layer, Curves.EpochOf(r, step), step, ev);
    }

    public override IEnumerable<Finding> CheckEpoch(RunRecord r, int epoch)
    {
        if (r.Steps.Count > 0) yield break;   // the step path is more precise
        int i = -1;
        for (int k = 0; k < r.Epochs.Count; k++) if (r.Epochs.Numbers[k] == epoch) { i = k; break; }
        var loss = r.Epochs.Column(EpochTable.LossName);
        if (i < 0 || loss is null || double.IsFinite(loss[i]) || (i > 0 && !double.IsFinite(loss[i - 1]))) yield break;
        var ev = new Evidence { { "loss", loss[i] }, { "epoch", epoch } };
        if (i > 0 && double.IsFinite(loss[i - 1])) ev.Add("last_finite_loss", loss[i - 1]);
        yield return Make(r, null, epoch, null, ev);
    }

    private Finding Make(RunRecord r, string? layer, int? epoch, long? step, Evidence ev) =>
        new Finding(Code, Severity.Error, step is long s ? $"Loss became {ev["loss"]} at step {s}" : $"Loss became {ev["loss"]} in epoch {epoch}")
        {
            Layer = layer,
            Epoch = epoch,
            Step = step,
            Evidence = ev,
            Confidence = 1.0,
            Explanation =
                "The loss is not a number any more: some value overflowed (weights or activations grew without bound, usually from a learning " +
                "rate that is too large or inputs that are not scaled), or the data itself contains NaN. Once NaN appears every weight it touches " +
                "becomes NaN, so training cannot recover." + (layer is null ? "" : $" The first non-finite values appeared in layer '{layer}'."),
            Fixes =
            [
                new Fix("lower_learning_rate", "Use a 10× smaller learning rate.",
                    KerasCode.Optimizer(r.Training.Optimizer, KerasCode.ScaledLearningRate(r.Training, 0.1))),
                new Fix("clip_gradients", "Clip the gradient norm so one bad batch cannot blow the weights up.",
                    KerasCode.Optimizer(r.Training.Optimizer, KerasCode.ScaledLearningRate(r.Training, 1), "clipnorm=1.0")),
                new Fix("check_data", "Check the data for NaN/Inf and scale the inputs.", "assert np.isfinite(x_train).all(); x_train = x_train / 255.0"),
                new Fix("terminate_on_nan", "Stop training at the first NaN instead of wasting epochs.", "callbacks=[keras.callbacks.TerminateOnNaN()]"),
            ],
        };
}
