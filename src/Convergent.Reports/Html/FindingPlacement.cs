using Convergent.Diagnostics;

namespace Convergent.Reports.Html;

/// <summary>Where a finding is shown: the chart or panel, the x position of its marker (a step or an epoch, by the
/// chart's axis; null for panels), where a marked range ends (overfitting: to the last epoch), and the layer row.</summary>
public sealed record Placement(string ChartId, double? At, double? Until, string? Row);

/// <summary>
/// Puts each finding beside the chart that shows its evidence, at the step or epoch where it was detected: gradient
/// findings on the gradient-norm heatmap at their layer's row, dead units on the dead-share heatmap, overfitting on the
/// epoch loss curves from its onset (evidence <c>best_epoch</c>) to the end, and so on. The finding's own layer, step and
/// epoch are used as the rules set them; only the choice of picture is made here (the first available in the code's
/// list), so a record without step series still shows every finding somewhere.
/// </summary>
public static class FindingPlacement
{
    private static readonly string Grad = ChartIds.Heatmap("gradient_norm"), Update = ChartIds.Heatmap("update_ratio");

    /// <summary>Preferred pictures per finding code, best first; the model panel closes every list.</summary>
    private static IReadOnlyList<string> Preferred(string code) => code switch
    {
        FindingCode.Overfitting or FindingCode.Underfitting or FindingCode.TooFewEpochs => [ChartIds.LossEpochs],
        FindingCode.NoLearning => [ChartIds.AccuracyEpochs, ChartIds.LossEpochs],
        FindingCode.NanLoss or FindingCode.OscillatingLoss or FindingCode.LossPlateau or FindingCode.InitLossAnomaly =>
            [ChartIds.LossSteps, ChartIds.LossEpochs],
        FindingCode.LrTooHigh => [ChartIds.LossSteps, Update, ChartIds.LossEpochs],
        FindingCode.LrTooLow => [Update, ChartIds.LossSteps, ChartIds.LossEpochs],
        FindingCode.ExplodingGradient or FindingCode.VanishingGradient => [Grad, ChartIds.LossSteps],
        FindingCode.DeadRelu => [ChartIds.Heatmap("dead_fraction"), Grad],
        FindingCode.SaturatedActivation => [ChartIds.Heatmap("saturated_fraction"), ChartIds.Heatmap("activation_std")],
        FindingCode.UnchangedWeights => [Update, Grad],
        FindingCode.PoorWeightInit => [ChartIds.Heatmap("activation_std"), Grad],
        FindingCode.SaturatedOutput or FindingCode.ConstantPrediction => [ChartIds.OutputConfidence, ChartIds.Confusion, ChartIds.LossSteps],
        FindingCode.ClassImbalance => [ChartIds.Confusion, ChartIds.Data],
        FindingCode.ValidationSplitUnrepresentative => [ChartIds.Boundary, ChartIds.Data],
        FindingCode.CannotOverfitSmallBatch or FindingCode.ModelIgnoresInput => [ChartIds.QuickProbes],
        FindingCode.DataNan or FindingCode.InputNotNormalized or FindingCode.LabelEncodingMismatch or FindingCode.TrainValLeakage => [ChartIds.Data],
        _ => [],
    };

    /// <summary>The placement of <paramref name="f"/> among the <paramref name="available"/> chart ids; steps are mapped to
    /// epochs (and back) through the record when the chosen chart's axis needs it.</summary>
    public static Placement Place(Finding f, RunRecord record, IReadOnlySet<string> available)
    {
        var chart = Preferred(f.Code).Append(ChartIds.Model).First(id => id == ChartIds.Model || available.Contains(id));
        bool heatmap = chart.StartsWith("chart-heat-", StringComparison.Ordinal);
        string? row = f.Layer is not null && (heatmap || chart == ChartIds.Model) ? f.Layer : null;
        if (IsEpochChart(chart))
        {
            double? epoch = f.Epoch ?? (f.Step is long s ? record.Steps.EpochOf(s) : null);
            // overfitting: the range from the validation-loss minimum (the onset) to the last epoch
            if (f.Code == FindingCode.Overfitting && f.Evidence.TryGet("best_epoch", out var best) && best.Number is double b)
                return new Placement(chart, b, record.Epochs.Count > 0 ? record.Epochs.Numbers[^1] : b, null);
            return new Placement(chart, epoch, null, null);
        }
        if (IsStepChart(chart))
        {
            // an initial-loss finding is about step 0; an epoch-level one starts at its epoch's first step
            double? step = f.Step ?? (f.Code == FindingCode.InitLossAnomaly ? 0 : f.Epoch is int e ? FirstStepOf(record, e) : null);
            if (f.Code == FindingCode.PoorWeightInit) step ??= 0;
            return new Placement(chart, step, null, row);
        }
        return new Placement(chart, null, null, row);
    }

    /// <summary>Charts whose x axis is the epoch.</summary>
    public static bool IsEpochChart(string id) => id is ChartIds.LossEpochs or ChartIds.AccuracyEpochs || id.StartsWith("chart-metric-", StringComparison.Ordinal);

    /// <summary>Charts whose x axis is the training step.</summary>
    public static bool IsStepChart(string id) =>
        id is ChartIds.LossSteps or ChartIds.LearningRate or ChartIds.OutputConfidence || id.StartsWith("chart-heat-", StringComparison.Ordinal);

    private static long? FirstStepOf(RunRecord record, int epoch)
    {
        foreach (var p in record.Steps.Loss)
            if (record.Steps.EpochOf(p.Step) == epoch) return p.Step;
        return null;
    }
}
