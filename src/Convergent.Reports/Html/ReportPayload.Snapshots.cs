using System.Text.Json;
using Convergent.Diagnostics;

namespace Convergent.Reports.Html;

public static partial class ReportPayload
{
    /// <summary>Confusion matrix, decision boundary and conv filters, from <see cref="RunRecord.Snapshots"/>.</summary>
    private static IEnumerable<Chart> SnapshotCharts(RunRecord r)
    {
        var s = r.Snapshots;
        if (s.Confusion is { } cm)
            yield return new Chart(ChartIds.Confusion, "confusion", "Confusion matrix",
                $"True class (rows) against predicted class (columns) on the {(cm.OnValidation ? "validation" : "training (the run had no validation)")} data "
                + $"after epoch {cm.Epoch}. Colour: share of the row; the diagonal is correct.", w =>
                {
                    w.WriteNumber("classes", cm.Classes);
                    w.WriteBoolean("on_validation", cm.OnValidation);
                    w.WriteNumber("epoch", cm.Epoch);
                    w.WriteNumber("total", cm.Total);
                    w.WriteNumber("unpredictable", cm.Unpredictable);
                    w.WritePropertyName("accuracy");
                    Value(w, cm.Accuracy);
                    w.WriteStartArray("counts");
                    for (int t = 0; t < cm.Classes; t++)
                    {
                        w.WriteStartArray();
                        for (int p = 0; p < cm.Classes; p++) w.WriteNumberValue(cm[t, p]);
                        w.WriteEndArray();
                    }
                    w.WriteEndArray();
                });

        if (s.Boundary is { } b)
            yield return new Chart(ChartIds.Boundary, "boundary", "Decision boundary",
                $"The class the model predicts at each point of the input plane after epoch {b.Epoch} (shade: its probability), "
                + "with the data on top: filled dots are training samples, rings validation samples, coloured by their true class.", w =>
                {
                    w.WriteNumber("size", b.Size);
                    w.WriteNumber("epoch", b.Epoch);
                    w.WriteNumber("class_count", Math.Max(r.Classes, b.Classes.DefaultIfEmpty(0).Max() + 1));
                    Number(w, "x_min", b.XMin);
                    Number(w, "x_max", b.XMax);
                    Number(w, "y_min", b.YMin);
                    Number(w, "y_max", b.YMax);
                    w.WriteString("x_label", "input feature 1 (x[:, 0])");
                    w.WriteString("y_label", "input feature 2 (x[:, 1])");
                    w.WriteStartArray("classes");
                    foreach (var c in b.Classes) w.WriteNumberValue(c);
                    w.WriteEndArray();
                    // two decimals are all a shade can show
                    Values(w, "confidence", b.Confidence.Select(c => Math.Round((double)c, 2)));
                    w.WriteStartObject("points");
                    Values(w, "x", b.Points.Select(p => p.X));
                    Values(w, "y", b.Points.Select(p => p.Y));
                    Longs(w, "label", b.Points.Select(p => (long)p.Label));
                    Longs(w, "validation", b.Points.Select(p => p.Validation ? 1L : 0L));
                    w.WriteEndObject();
                });

        if (s.Filters.Count > 0)
            yield return new Chart(ChartIds.Filters, "filters", "Convolution filters",
                "Each Conv2D layer's kernels at initialization (epoch 0) and at a few epochs: one block per moment, one tile per filter. "
                + "One input channel or many averaged: blue negative, red positive; three input channels: drawn as RGB (grey is 0). Each moment has "
                + "its own scale, ±(its largest |weight|), printed beside it. "
                + "Tiles that stop changing from one row to the next are filters that stopped learning.", w =>
                {
                    w.WriteStartArray("layers");
                    foreach (var group in s.Filters.GroupBy(f => f.Layer))
                    {
                        var first = group.First();
                        w.WriteStartObject();
                        w.WriteString("layer", first.Layer);
                        w.WriteNumber("filters", first.Filters);
                        w.WriteNumber("total_filters", first.TotalFilters);
                        w.WriteNumber("height", first.Height);
                        w.WriteNumber("width", first.Width);
                        w.WriteNumber("channels", first.Channels);
                        w.WriteNumber("kernel_height", first.KernelHeight);
                        w.WriteNumber("kernel_width", first.KernelWidth);
                        w.WriteNumber("input_channels", first.InputChannels);
                        w.WriteNumber("downsample", first.Downsample);
                        w.WriteStartArray("snapshots");
                        foreach (var f in group)
                        {
                            double maxAbs = f.Values.Where(float.IsFinite).Select(v => (double)Math.Abs(v)).DefaultIfEmpty(0).Max();
                            w.WriteStartObject();
                            w.WriteNumber("epoch", f.Epoch);
                            w.WriteNumber("step", f.Step);
                            w.WritePropertyName("max_abs");
                            Value(w, maxAbs);
                            // per mille of the snapshot's largest |w|: the 2,001 levels are more than a colour shows, and the
                            // integers keep story 2's 32 filters of 32 × 32 at five moments to a few hundred kilobytes
                            w.WriteStartArray("scaled");
                            foreach (var v in f.Values)
                                if (float.IsFinite(v)) w.WriteNumberValue(maxAbs > 0 ? (int)Math.Round(1000 * v / maxAbs) : 0); else w.WriteNullValue();
                            w.WriteEndArray();
                            w.WriteEndObject();
                        }
                        w.WriteEndArray();
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                });
    }

    /// <summary>The model's layers, the data as split, and the quick probes' results.</summary>
    private static IEnumerable<Chart> SetupPanels(RunRecord r)
    {
        if (r.Model is { } m)
            yield return new Chart(ChartIds.Model, "model", $"Model: {m.Name}", "The layers as built, with output shapes (batch axis left out) and parameter counts.", w =>
            {
                w.WriteNumber("params", m.Params);
                w.WriteStartArray("layers");
                foreach (var l in m.Layers)
                {
                    w.WriteStartObject();
                    w.WriteString("name", l.Name);
                    w.WriteString("type", l.ClassName);
                    w.WriteString("output_shape", l.OutputShape is { } s ? "(" + string.Join(", ", s) + ")" : "?");
                    w.WriteNumber("params", l.Params);
                    String(w, "activation", l.Activation?.ToString().ToLowerInvariant());
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            });
        else
            yield return new Chart(ChartIds.Model, "model", "Model", "No model was recorded (a diagnosis from a training log).", w =>
            {
                w.WriteNull("params");
                w.WriteStartArray("layers");
                w.WriteEndArray();
            });

        if (r.Data is { } d)
            yield return new Chart(ChartIds.Data, "facts", "Data", "Samples, classes and input ranges of the training and validation data.", w =>
            {
                var rows = new List<(string, string)>
                {
                    ("training samples", d.TrainSamples.ToString()),
                    ("validation samples", d.ValSamples == 0 ? "none" : $"{d.ValSamples}" + (d.ValidationIsTailSplit ? $" (the last {d.ValidationSplit:P0} of the arrays, taken before shuffling)" : " (given)")),
                    ("input shape", "(" + string.Join(", ", d.InputShape) + ")"),
                    ("classes", d.Classes > 0 ? d.Classes.ToString() : "—"),
                };
                if (d.ClassShares.Length > 0) rows.Add(("class shares, training", Shares(d.ClassShares)));
                if (d.ValClassShares is { Length: > 0 } vs) rows.Add(("class shares, validation", Shares(vs)));
                if (d.Input is { } i) rows.Add(("input range, training", Range(i)));
                if (d.ValInput is { } vi) rows.Add(("input range, validation", Range(vi)));
                if (d.NonFiniteInputs > 0) rows.Add(("NaN/Inf inputs", d.NonFiniteInputs.ToString()));
                if (d.TrainValDuplicates > 0) rows.Add(("validation samples also in training", d.TrainValDuplicates.ToString()));
                Facts(w, rows);
            });

        if (r.Init is { } init && (init.InitialLoss is not null || init.SmallBatch is not null || init.ZeroInput is not null))
            yield return new Chart(ChartIds.QuickProbes, "facts", "Quick probes before training",
                "Short trainings of fresh copies of the model that rule bugs in or out: can it memorize a handful of samples, and does it do better with the inputs than with zeros?", w =>
                {
                    var rows = new List<(string, string)>();
                    if (init.InitialLoss is double l0) rows.Add(("loss at initialization", EvidenceValue.Format(l0)));
                    if (init.SmallBatch is { } sb)
                        rows.Add(("memorize a small batch", $"{sb.Samples} samples, {sb.Steps} steps: loss {EvidenceValue.Format(sb.InitialLoss)} → {EvidenceValue.Format(sb.FinalLoss)}"
                            + (sb.Accuracy is double a ? $", accuracy {a:P0}" : "") + (sb.TimedOut ? " (stopped by its time budget)" : "")));
                    if (init.ZeroInput is { } z)
                        rows.Add(("inputs vs zeros", $"after {z.Steps} steps: loss {EvidenceValue.Format(z.RealLoss)} with the inputs, {EvidenceValue.Format(z.ZeroLoss)} with zeros"
                            + (z.TimedOut ? " (stopped by its time budget)" : "")));
                    Facts(w, rows);
                });
    }

    private static string Shares(IEnumerable<double> shares) => string.Join(" · ", shares.Select((s, i) => $"{i}: {s:P1}"));

    private static string Range(InputStats s) =>
        $"min {EvidenceValue.Format(s.Min)}, max {EvidenceValue.Format(s.Max)}, mean {EvidenceValue.Format(s.Mean)}, std {EvidenceValue.Format(s.Std)}";

    private static void Facts(Utf8JsonWriter w, IEnumerable<(string Name, string Value)> rows)
    {
        w.WriteStartArray("facts");
        foreach (var (name, value) in rows)
        {
            w.WriteStartArray();
            w.WriteStringValue(name);
            w.WriteStringValue(value);
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }
}
