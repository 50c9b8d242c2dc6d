using System.Text.Json;
using Convergent.Diagnostics;

namespace Convergent.Reports.Html;

public static partial class ReportPayload
{
    /// <summary>A line of a chart: x and y values, a legend label and a role (<c>train</c>, <c>val</c>, <c>other</c>)
    /// that picks its colour and dash.</summary>
    private sealed record Line(string Name, string Label, string Role, double[] X, double[] Y);

    /// <summary>Loss and accuracy per epoch, other metrics per epoch, loss per step, learning rate, output confidence.</summary>
    private static IEnumerable<Chart> CurveCharts(RunRecord r)
    {
        var e = r.Epochs;
        var epochs = e.Numbers.Select(n => (double)n).ToArray();
        string loss = r.Training.Loss is { } l ? $"loss ({l})" : "loss";
        if (e.Has(EpochTable.LossName) || e.Has(EpochTable.ValLossName))
            yield return LineChart(ChartIds.LossEpochs, "Loss per epoch",
                "Mean training loss over each epoch's mini-batches and the loss on the validation data at the epoch's end. Where they part, the model stops generalizing.",
                "epoch", "epoch", loss, null, EpochLines(e, epochs, EpochTable.LossName, EpochTable.ValLossName));
        if (e.Has(EpochTable.AccuracyName) || e.Has(EpochTable.ValAccuracyName))
            yield return LineChart(ChartIds.AccuracyEpochs, "Accuracy per epoch",
                "Share of samples classified correctly: training (over the epoch) and validation (at its end).",
                "epoch", "epoch", "accuracy (share correct)", (0, 1), EpochLines(e, epochs, EpochTable.AccuracyName, EpochTable.ValAccuracyName));
        string[] done = [EpochTable.LossName, EpochTable.ValLossName, EpochTable.AccuracyName, EpochTable.ValAccuracyName, EpochTable.LrName, EpochTable.SecondsName];
        foreach (var name in e.Names)
        {
            if (done.Contains(name) || name.StartsWith("val_", StringComparison.Ordinal) || !e.Has(name)) continue;
            yield return LineChart(ChartIds.Metric(name), $"{name} per epoch", $"The metric {name} per epoch, training and validation.",
                "epoch", "epoch", name, null, EpochLines(e, epochs, name, "val_" + name));
        }

        if (!r.Steps.Loss.IsEmpty)
            yield return LineChart(ChartIds.LossSteps, "Loss per mini-batch",
                "The loss of every training step (mean per column when there are more steps than columns), regularization penalties included, as Keras logs it.",
                "step", "training step (mini-batch)", loss, null, [StepLine(r.Steps.Loss, "loss", "training loss", "train")]);

        var lrLine = !r.Steps.LearningRate.IsEmpty ? StepLine(r.Steps.LearningRate, "lr", "learning rate", "other")
            : e.Has(EpochTable.LrName) ? new Line("lr", "learning rate", "other", epochs, e.Lr) : null;
        if (lrLine is not null)
        {
            bool perStep = !r.Steps.LearningRate.IsEmpty;
            yield return LineChart(ChartIds.LearningRate, "Learning rate",
                "The learning rate each step was taken with (schedules and ReduceLROnPlateau change it; a flat line is a constant rate).",
                perStep ? "step" : "epoch", perStep ? "training step (mini-batch)" : "epoch", "learning rate", null, [lrLine]);
        }

        var o = r.Output;
        if (!o.MaxProbability.IsEmpty)
            yield return LineChart(ChartIds.OutputConfidence, "Output confidence",
                "Mean over the batch of the largest class probability, and the share of the batch given the batch's most predicted class. "
                + "Both near 1 with a high loss: confidently wrong (saturated softmax); a majority share near 1: one class for every input.",
                "step", "training step (mini-batch)", "share (0–1)", (0, 1),
                [StepLine(o.MaxProbability, "max_probability", "mean max probability", "train"),
                 StepLine(o.MajorityPredictionShare, "majority_prediction_share", "majority-class share", "other")]);
    }

    private static List<Line> EpochLines(EpochTable e, double[] epochs, string train, string val)
    {
        var lines = new List<Line>();
        if (e.Has(train)) lines.Add(new Line(train, "training", "train", epochs, e.Values(train)));
        if (e.Has(val)) lines.Add(new Line(val, "validation", "val", epochs, e.Values(val)));
        return lines;
    }

    /// <summary>A series over steps, as bin means when it has more than <see cref="MaxLinePoints"/> steps; x is the bin's
    /// first step.</summary>
    private static Line StepLine(Series s, string name, string label, string role)
    {
        var bins = StepBins.Over(s.Steps.ToArray(), MaxLinePoints);
        var x = Enumerable.Range(0, bins.Count).Select(i => (double)bins.Start(i)).ToArray();
        return new Line(name, label, role, x, bins.Means(s.Steps, s.Values));
    }

    /// <summary>A line chart; the y scale is log when the values span more than a decade (<see cref="ColorScale.For"/>)
    /// unless a fixed domain is given (shares and accuracies: [0, 1]).</summary>
    private static Chart LineChart(string id, string title, string description, string xKind, string xLabel, string yLabel,
        (double Min, double Max)? fixedDomain, IReadOnlyList<Line> lines)
    {
        var scale = fixedDomain is var (lo, hi) ? new ColorScale(ScaleKind.Linear, lo, hi) : ColorScale.For(lines.SelectMany(l => l.Y));
        return new Chart(id, "line", title, description, w =>
        {
            w.WriteStartObject("x");
            w.WriteString("kind", xKind);
            w.WriteString("label", xLabel);
            w.WriteEndObject();
            w.WriteStartObject("y");
            w.WriteString("label", yLabel);
            Scale(w, "scale", scale);
            w.WriteEndObject();
            w.WriteStartArray("series");
            foreach (var line in lines)
            {
                w.WriteStartObject();
                w.WriteString("name", line.Name);
                w.WriteString("label", line.Label);
                w.WriteString("role", line.Role);
                Values(w, "x", line.X);
                Values(w, "y", line.Y);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
    }
}
