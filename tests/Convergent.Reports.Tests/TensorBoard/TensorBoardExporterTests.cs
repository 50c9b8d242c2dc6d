using Convergent.Diagnostics;
using Convergent.Diagnostics.Logs;
using Convergent.Nn;
using Convergent.Reports.TensorBoard;
using Convergent.Tensors;

namespace Convergent.Reports.Tests.TensorBoard;

public class TensorBoardExporterTests
{
    private static readonly DateTimeOffset WallTime = new(2026, 11, 23, 12, 0, 0, 250, TimeSpan.Zero);

    // Two separable 2-D blobs, a 2-16-2 network, 3 epochs of 3 steps (96 training rows, batch 32) with a 25 %
    // validation split; every step measured (no time budget) and histograms every 2nd step (steps 0, 2, 4, 6, 8).
    private static DoctorResult TinyDoctorRun()
    {
        var rng = new Random(7);
        int n = 128;
        var x = new float[n * 2];
        var y = new float[n * 2];
        for (int i = 0; i < n; i++)
        {
            int c = i % 2;
            x[2 * i] = (float)((c == 0 ? -1.5 : 1.5) + 0.5 * (rng.NextDouble() - 0.5));
            x[2 * i + 1] = (float)((c == 0 ? 1.5 : -1.5) + 0.5 * (rng.NextDouble() - 0.5));
            y[2 * i + c] = 1;
        }
        Func<Model> factory = () =>
        {
            var m = new Sequential([new Dense(16, Activations.Relu), new Dense(2, Activations.Softmax)], new Shape(2));
            m.Compile(new Adam(0.01), new CategoricalCrossentropy(), new Accuracy());
            return m;
        };
        var options = new DoctorOptions { QuickProbes = [], Source = "toy.py", Probes = new ProbeOptions { HistogramEvery = 2 } };
        return new Doctor(options).Run(factory, Tensor.FromArray(x, n, 2), Tensor.FromArray(y, n, 2),
            new FitSettings { Epochs = 3, BatchSize = 32, ValidationSplit = 0.25 });
    }

    // tag → (step, value) in file order
    private static Dictionary<string, List<(long Step, TfValue Value)>> ByTag(IReadOnlyList<TfEvent> events)
    {
        var byTag = new Dictionary<string, List<(long, TfValue)>>(StringComparer.Ordinal);
        foreach (var e in events.Skip(1))
            foreach (var v in e.Values)
            {
                if (!byTag.TryGetValue(v.Tag, out var list)) byTag[v.Tag] = list = [];
                list.Add((e.Step, v));
            }
        return byTag;
    }

    private static void AssertScalars(Dictionary<string, List<(long Step, TfValue Value)>> byTag, string tag, IEnumerable<(long Step, double Value)> expected)
    {
        var want = expected.Select(p => (p.Step, (float)p.Value)).ToList();
        Assert.True(byTag.ContainsKey(tag), $"tag '{tag}' missing; tags: {string.Join(", ", byTag.Keys.Order())}");
        Assert.Equal(want, byTag[tag].Select(p => (p.Step, p.Value.Scalar ?? float.NegativeInfinity)).ToList());
    }

    [Fact]
    public void DoctorRun_ExportedAndReadBack_EverySeriesMatchesTheRecordAtItsSteps()
    {
        var result = TinyDoctorRun();
        var record = result.Record;
        using var dir = new TempFolder();
        var runDir = Path.Combine(dir.Path, "run1");

        var run = TensorBoardExporter.Write(record, result.Diagnosis, runDir, WallTime);

        // Keras's layout: run/train and run/validation, one events file each, named after the time and the host
        string name = $"events.out.tfevents.{WallTime.ToUnixTimeSeconds()}.{Environment.MachineName}";
        Assert.Equal(Path.Combine(runDir, "train", name), run.TrainFile);
        Assert.Equal(Path.Combine(runDir, "validation", name), run.ValidationFile);
        Assert.Equal([run.TrainFile], Directory.GetFiles(Path.Combine(runDir, "train")));
        Assert.Equal([run.ValidationFile!], Directory.GetFiles(Path.Combine(runDir, "validation")));
        Assert.Equal(["train", "validation"], Directory.GetDirectories(runDir).Select(Path.GetFileName).Order());

        var train = TfEventsReader.Read(run.TrainFile);
        var validation = TfEventsReader.Read(run.ValidationFile!);
        Assert.Equal("brain.Event:2", train[0].FileVersion);
        Assert.Equal("brain.Event:2", validation[0].FileVersion);
        double seconds = (WallTime - DateTimeOffset.UnixEpoch).TotalSeconds;
        Assert.All(train.Concat(validation), e => Assert.Equal(seconds, e.WallTime));
        var t = ByTag(train);
        var v = ByTag(validation);

        // per-epoch metrics at Keras's 0-based epoch index
        var epochs = record.Epochs;
        Assert.Equal([1, 2, 3], epochs.Numbers);
        IEnumerable<(long, double)> Epochs(double[] values) => values.Select((x, i) => ((long)i, x));
        AssertScalars(t, "epoch_loss", Epochs(epochs.Loss));
        AssertScalars(t, "epoch_accuracy", Epochs(epochs.Accuracy));
        AssertScalars(t, "epoch_learning_rate", Epochs(epochs.Lr));
        Assert.All(t["epoch_learning_rate"], p => Assert.Equal(0.01f, p.Value.Scalar));
        AssertScalars(v, "epoch_loss", Epochs(epochs.ValLoss));
        AssertScalars(v, "epoch_accuracy", Epochs(epochs.ValAccuracy));
        Assert.DoesNotContain(t.Keys, k => k.StartsWith("epoch_val_", StringComparison.Ordinal));
        Assert.Equal(["epoch_accuracy", "epoch_loss"], v.Keys.Order());

        // per-step series at the doctor's 0-based global step: 3 epochs × 3 steps
        Assert.Equal(Enumerable.Range(0, 9).Select(i => (long)i), record.Steps.Loss.Select(p => p.Step));
        AssertScalars(t, "batch_loss", record.Steps.Loss.Select(p => (p.Step, p.Value)));
        AssertScalars(t, "batch_learning_rate", record.Steps.LearningRate.Select(p => (p.Step, p.Value)));
        int layerSeries = 0;
        foreach (var layer in record.Layers)
            foreach (var series in layer.AllSeries.Where(s => !s.IsEmpty))
            {
                AssertScalars(t, $"{series.Name}/{layer.Name}", series.Select(p => (p.Step, p.Value)));
                layerSeries++;
            }
        foreach (var stat in new[] { "gradient_norm", "activation_mean", "activation_std", "update_ratio" })
            foreach (var layer in new[] { "dense", "dense_1" })
                Assert.Equal(9, t[$"{stat}/{layer}"].Count);
        Assert.Equal(9, t["dead_fraction/dense"].Count);   // the ReLU layer
        Assert.True(layerSeries >= 2 * 10, $"only {layerSeries} layer series exported");
        AssertScalars(t, "output/max_probability", record.Output.MaxProbability.Select(p => (p.Step, p.Value)));

        // histograms at the probe's lower rate; buckets sum to num, the number of finite values
        foreach (var layer in record.Layers)
        {
            foreach (var (tag, histograms) in new[] { ($"activation/{layer.Name}", layer.ActivationHistograms), ($"gradient/{layer.Name}", layer.GradientHistograms) })
            {
                Assert.Equal([0L, 2, 4, 6, 8], histograms.Select(h => h.Step));
                var read = t[tag];
                Assert.Equal(histograms.Select(h => h.Step), read.Select(p => p.Step));
                for (int i = 0; i < histograms.Count; i++)
                {
                    var h = read[i].Value.Histogram!;
                    Assert.Equal(histograms[i].Total, h.Num);
                    Assert.Equal(h.Num, h.BucketCounts.Sum());
                    Assert.Equal(histograms[i].Counts.Select(c => (double)c), h.BucketCounts);
                    Assert.Equal(histograms[i].Min, h.Min);
                    Assert.Equal(histograms[i].Max, h.Max);
                    Assert.Equal(histograms[i].Max, h.BucketLimits[^1]);
                    Assert.Equal(32, h.BucketLimits.Length);
                }
            }
        }

        // the diagnosis as text at step 0, in the diagnosis's order
        var text = Assert.Single(t["doctor/diagnosis"]);
        Assert.Equal(0, text.Step);
        Assert.StartsWith($"**Verdict: {result.Diagnosis.Verdict.ToReportName()}** — `toy.py`", text.Value.Text);
        foreach (var f in result.Diagnosis.Findings) Assert.Contains($"| {f.Code} |", text.Value.Text);

        // Custom Scalars: one chart per recorded statistic, each matching that statistic's tag of every layer
        var layoutValue = Assert.Single(t["custom_scalars__config__"]);
        Assert.Equal(("custom_scalars", 0L), (layoutValue.Value.PluginName, layoutValue.Step));
        var category = Assert.Single(CustomScalarsLayout.Decode(layoutValue.Value.StringTensor!).Categories);
        Assert.Equal("Layers (one line per layer)", category.Title);
        var recorded = record.Layers.SelectMany(l => l.AllSeries).Where(s => !s.IsEmpty).Select(s => s.Name).Distinct().ToList();
        Assert.Contains("gradient_norm", recorded);
        Assert.Equal(recorded, category.Charts.Select(c => c.Title));
        foreach (var chart in category.Charts)
        {
            var pattern = new System.Text.RegularExpressions.Regex(Assert.Single(chart.TagPatterns));
            var matched = t.Keys.Where(k => pattern.IsMatch(k)).Order(StringComparer.Ordinal);
            var expected = record.Layers.Where(l => l.AllSeries.Any(s => s.Name == chart.Title && !s.IsEmpty)).Select(l => $"{chart.Title}/{l.Name}").Order(StringComparer.Ordinal);
            Assert.Equal(expected, matched);
        }
    }

    [Fact]
    public void KerasLogRecord_Exported_HasEpochCurvesAndTheFindingsAsText()
    {
        // user story 2's log, as in ReportWriterTests: epochs only (no steps, no layers)
        const string log =
            "Epoch 1/50\n259s - loss: 10.4525 - acc: 0.4903 - val_loss: 11.4543 - val_acc: 0.4473\n" +
            "Epoch 2/50\n269s - loss: 11.4543 - acc: 0.4473 - val_loss: 11.4543 - val_acc: 0.4473\n" +
            "Epoch 3/50\n251s - loss: 11.4543 - acc: 0.4473 - val_loss: 11.4543 - val_acc: 0.4473\n";
        var record = KerasLog.Parse(log, "stuck.log");
        var diagnosis = RuleEngine.DiagnoseRecord(record);
        using var dir = new TempFolder();

        var run = TensorBoardExporter.Write(record, diagnosis, dir.Path, WallTime);

        var t = ByTag(TfEventsReader.Read(run.TrainFile));
        var v = ByTag(TfEventsReader.Read(run.ValidationFile!));
        AssertScalars(t, "epoch_loss", [(0, 10.4525), (1, 11.4543), (2, 11.4543)]);
        AssertScalars(t, "epoch_accuracy", [(0, 0.4903), (1, 0.4473), (2, 0.4473)]);
        AssertScalars(t, "epoch_seconds", [(0, 259), (1, 269), (2, 251)]);
        AssertScalars(v, "epoch_loss", [(0, 11.4543), (1, 11.4543), (2, 11.4543)]);
        AssertScalars(v, "epoch_accuracy", [(0, 0.4473), (1, 0.4473), (2, 0.4473)]);
        Assert.Equal(["doctor/diagnosis", "epoch_accuracy", "epoch_loss", "epoch_seconds"], t.Keys.Order(StringComparer.Ordinal));

        var text = Assert.Single(t["doctor/diagnosis"]).Value.Text!;
        Assert.StartsWith("**Verdict: not_learning** — `stuck.log`", text);
        Assert.NotEmpty(diagnosis.Findings);
        for (int i = 0; i < diagnosis.Findings.Count; i++)
        {
            var f = diagnosis.Findings[i];
            Assert.Contains($"| {i + 1} | {f.Code} | {f.Severity.ToString().ToLowerInvariant()} |", text);
            Assert.Contains($"### {i + 1}. {f.Code}", text);
        }
    }

    [Fact]
    public void Write_TwiceIntoOneFolderInOneSecond_ReplacesTheFileAndLeavesNoTemporaries()
    {
        var record = KerasLog.Parse("Epoch 1/2\n1s - loss: 0.5\nEpoch 2/2\n1s - loss: 0.25\n", "a.log");
        var diagnosis = RuleEngine.DiagnoseRecord(record);
        using var dir = new TempFolder();

        TensorBoardExporter.Write(record, diagnosis, dir.Path, WallTime);
        var run = TensorBoardExporter.Write(record, diagnosis, dir.Path, WallTime.AddMilliseconds(500));

        Assert.Null(run.ValidationFile);
        Assert.Equal(["train"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
        Assert.Equal([run.TrainFile], Directory.GetFileSystemEntries(Path.Combine(dir.Path, "train")));
        Assert.Equal([run.TrainFile], TfEventsReader.EventFiles(Path.Combine(dir.Path, "train")));
        Assert.Empty(TfEventsReader.EventFiles(Path.Combine(dir.Path, "validation")));
        AssertScalars(ByTag(TfEventsReader.Read(run.TrainFile)), "epoch_loss", [(0, 0.5), (1, 0.25)]);
    }
}
