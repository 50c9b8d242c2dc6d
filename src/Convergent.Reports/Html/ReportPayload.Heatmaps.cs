using System.Text.Json;
using Convergent.Diagnostics;

namespace Convergent.Reports.Html;

public static partial class ReportPayload
{
    /// <summary>What a per-layer heatmap shows: the statistic (the <see cref="Series.Name"/> of a
    /// <see cref="LayerRecord"/> series), title, what the colour means, how to read it, its palette, and an optional
    /// reference value marked on the legend.</summary>
    private sealed record HeatmapSpec(string Statistic, string Title, string Unit, string Description, string Palette,
        Func<LayerRecord, Series> Series, Func<IEnumerable<double>, ColorScale> Scale, double? Reference = null, string? ReferenceLabel = null);

    private static readonly HeatmapSpec[] Heatmaps =
    [
        new("gradient_norm", "Gradient norm per layer", "‖∂L/∂W‖₂ — L2 norm of all the layer's weight gradients",
            "How strongly each layer is pushed by each step. Rows fading to the 'zero' colour mean vanishing gradients; a bright band, an explosion.",
            "viridis", l => l.GradientNorm, ColorScale.For),
        new("update_ratio", "Update/weight ratio per layer", "‖Δw‖₂ / ‖w‖₂ per step",
            "Size of each optimizer step relative to the weights. Around 1e-3 is healthy; far below, the layer barely learns; far above, steps overshoot.",
            "viridis", l => l.UpdateRatio, ColorScale.For, 1e-3, "healthy ≈ 1e-3"),
        new("activation_mean", "Activation mean per layer", "mean of the layer's output over the batch",
            "Blue below zero, red above. Drifting means shift the next layer's inputs.",
            "diverging", l => l.ActivationMean, ColorScale.SymmetricFor),
        new("activation_std", "Activation standard deviation per layer", "standard deviation of the layer's output over the batch",
            "The spread of each layer's output. Shrinking towards zero down the layers: signals die out; growing by decades: they blow up.",
            "viridis", l => l.ActivationStd, ColorScale.For),
        new("dead_fraction", "Dead ReLU units per layer", "share of units that output 0 for the whole batch",
            "ReLU layers only. A dead unit passes no gradient; a row turning dark red has lost its units for good.",
            "reds", l => l.DeadShare, _ => ColorScale.Share),
        new("saturated_fraction", "Saturated tanh/sigmoid units per layer", "share of units with |z| ≥ 5 for the whole batch",
            "tanh and sigmoid layers only. Saturated units have a near-zero slope and learn almost nothing; healthy rows stay pale.",
            "reds", l => l.SaturatedShare, _ => ColorScale.Share),
    ];

    /// <summary>One heatmap per statistic that some layer recorded: rows are those layers in model order, columns are
    /// <see cref="StepBins"/> over the steps the statistic was recorded at, cells the bin means.</summary>
    private static IEnumerable<Chart> HeatmapCharts(RunRecord r)
    {
        foreach (var spec in Heatmaps)
        {
            var layers = r.Layers.Where(l => !spec.Series(l).IsEmpty).ToList();
            if (layers.Count == 0) continue;
            var bins = StepBins.Over(layers.SelectMany(l => spec.Series(l).Steps.ToArray()), MaxHeatmapColumns);
            var rows = layers.Select(l => bins.Means(spec.Series(l).Steps, spec.Series(l).Values)).ToList();
            var scale = spec.Scale(rows.SelectMany(v => v));
            yield return new Chart(ChartIds.Heatmap(spec.Statistic), "heatmap", spec.Title, spec.Description, w =>
            {
                w.WriteString("statistic", spec.Statistic);
                w.WriteString("unit", spec.Unit);
                w.WriteString("palette", spec.Palette);
                Scale(w, "scale", scale);
                if (spec.Reference is double reference)
                {
                    w.WriteNumber("reference", reference);
                    w.WriteString("reference_label", spec.ReferenceLabel);
                }
                w.WriteStartObject("x");
                w.WriteString("kind", "step");
                w.WriteString("label", "training step (mini-batch)");
                w.WriteEndObject();
                w.WriteStartArray("rows");
                foreach (var l in layers) w.WriteStringValue(l.Name);
                w.WriteEndArray();
                Longs(w, "starts", Enumerable.Range(0, bins.Count).Select(bins.Start));
                w.WriteNumber("end", bins.End);
                w.WriteStartArray("values");
                foreach (var row in rows)
                {
                    w.WriteStartArray();
                    foreach (var v in row) Value(w, v);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
            });
        }
    }
}
