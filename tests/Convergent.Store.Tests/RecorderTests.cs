using Convergent.Nn;

namespace Convergent.Store.Tests;

/// <summary>A real doctor run and a real Fit recorded into a store: what the store holds equals what the doctor
/// recorded and diagnosed.</summary>
public class RecorderTests
{
    private static (Tensor X, Tensor Y) Blobs(int n = 256, int seed = 7)
    {
        var rng = new Random(seed);
        var x = new float[n * 2]; var y = new float[n * 2];
        for (int i = 0; i < n; i++)
        {
            int c = i % 2;
            double cx = c == 0 ? -1.5 : 1.5;
            x[2 * i] = (float)(cx + 0.7 * Gauss(rng));
            x[2 * i + 1] = (float)(-cx + 0.7 * Gauss(rng));
            y[2 * i + c] = 1;
        }
        return (Tensor.FromArray(x, n, 2), Tensor.FromArray(y, n, 2));
    }

    private static double Gauss(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static Model Mlp(double lr)
    {
        var m = new Sequential([new Dense(16, Activations.Relu), new Dense(2, Activations.Softmax)], new Shape(2), seed: 1);
        m.Compile(new SGD(lr), new CategoricalCrossentropy(), new Accuracy());
        m.Output = TextWriter.Null;
        return m;
    }

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public void DoctorRun_StoredSeriesEpochsAndFindings_EqualTheRecordAndDiagnosis(string kind)
    {
        using var t = TestStore.Create(kind);
        using var store = t.Open();
        var (x, y) = Blobs();
        var doctor = new Doctor(new DoctorOptions { QuickProbes = [], Probes = new ProbeOptions(), RuleTimeShare = null });
        var writer = new RunWriter(store, new RunStart("doctor", "mlp.py", "blobs") { Seed = 1 }) { FlushSteps = 7 };
        var recorder = DoctorRecorder.Attach(doctor, writer, new RunConfig().Set("command", "epochs", 4));
        // a learning rate of 5 with SGD blows this model up: findings are posted while it trains
        var result = doctor.Run(() => Mlp(5.0), x, y, new FitSettings { Epochs = 4, BatchSize = 32, ValidationSplit = 0.25 });
        recorder.Complete(result);
        Assert.Null(writer.Error);

        var record = result.Record;
        var run = store.GetRun(writer.RunId)!;
        Assert.Equal(RunStatuses.From(record.Training.Stopped), run.Status);
        Assert.Equal(result.Diagnosis.Verdict.ToReportName(), run.Verdict);
        Assert.Equal(record.Epochs.Count, run.Epochs);
        Assert.Equal(record.Steps.Count, run.Steps);
        Assert.Contains("\"layers\"", run.ModelJson);
        Assert.Contains("\"optimizer\":\"sgd\"", run.ConfigJson.ToLowerInvariant());
        Assert.Contains("\"learning_rate\":5", run.ConfigJson);
        Assert.Contains("\"epochs\":4", run.ConfigJson);

        var epochs = store.ReadEpochs(writer.RunId);
        for (int i = 0; i < record.Epochs.Count; i++)
            foreach (var (name, value) in record.Epochs.Row(i))
                Assert.Equal(value, epochs.Single(e => e.Epoch == record.Epochs.Numbers[i] && e.Name == name).Value);

        var chunks = store.ReadSeries(writer.RunId);
        Assert.True(chunks.Count > record.Layers.Count * 2, $"{chunks.Count} chunks");   // flushed in several chunks
        void SameSeries(string layer, Series s)
        {
            var mine = chunks.Where(c => c.Layer == layer && c.Series == s.Name).ToList();
            Assert.Equal(s.Steps.ToArray(), mine.SelectMany(c => c.Steps));
            Assert.Equal(s.Values.ToArray(), mine.SelectMany(c => c.Values));
        }
        SameSeries("", record.Steps.Loss);
        SameSeries("", record.Steps.LearningRate);
        foreach (var layer in record.Layers)
            foreach (var s in layer.AllSeries) SameSeries(layer.Name, s);
        SameSeries(SeriesChunk.OutputLayer, record.Output.MaxProbability);

        var findings = store.ReadFindings(writer.RunId);
        Assert.NotEmpty(result.Diagnosis.Findings);
        Assert.Equal(result.Diagnosis.Findings.Select(f => (f.Code, f.Layer, f.Step, f.Epoch)), findings.Select(f => (f.Code, f.Layer, f.Step, f.Epoch)));
        Assert.Equal(result.Diagnosis.Findings.Select(f => f.CausedBy.ToArray()), findings.Select(f => f.CausedBy.ToArray()));
        Assert.Equal($"{result.Diagnosis.Findings[0].Code}: {result.Diagnosis.Findings[0].Title}", run.TopFinding);
    }

    [Fact]
    public void DoctorRun_IsVisibleAsRunningWhileItTrains()
    {
        using var t = TestStore.Sqlite();
        using var store = t.Open();
        var (x, y) = Blobs();
        var doctor = new Doctor(new DoctorOptions { QuickProbes = [] });
        var writer = new RunWriter(store, new RunStart("doctor", "mlp.py", "blobs"));
        var recorder = DoctorRecorder.Attach(doctor, writer, new RunConfig());
        // a second reader (as the dashboard) sees the run running with the epochs written so far
        var seen = new List<(RunStatus, int)>();
        using var reader = t.Open();
        doctor.EpochRecorded += e => { var r = reader.GetRun(writer.RunId)!; seen.Add((r.Status, r.Epochs)); };
        recorder.Complete(doctor.Run(() => Mlp(0.1), x, y, new FitSettings { Epochs = 3, BatchSize = 64 }));
        Assert.Equal([(RunStatus.Running, 1), (RunStatus.Running, 2), (RunStatus.Running, 3)], seen);
        Assert.Equal(RunStatus.Completed, reader.GetRun(writer.RunId)!.Status);
    }

    [Fact]
    public void TrainRun_StoresBatchLossAndEpochLogs()
    {
        using var t = TestStore.Sqlite();
        using var store = t.Open();
        var (x, y) = Blobs();
        var writer = new RunWriter(store, new RunStart("train", null, "blobs"));
        var recorder = new TrainRecorder(writer);
        var model = Mlp(0.1);
        var history = model.Fit(x, y, batchSize: 64, epochs: 2, verbose: 0, validationSplit: 0.25, callbacks: [recorder]);
        recorder.Complete();

        var run = store.GetRun(writer.RunId)!;
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(2, run.Epochs);
        Assert.Equal(6, run.Steps);   // 192 training rows / 64 per batch × 2 epochs
        Assert.Equal(history["loss"][^1], run.FinalLoss);
        Assert.Equal(history["val_accuracy"][^1], run.FinalValAccuracy);
        var loss = store.ReadSeries(writer.RunId, layer: "", series: "loss").SelectMany(c => c.Steps).ToArray();
        Assert.Equal([0L, 1, 2, 3, 4, 5], loss);
        Assert.Equal([0.1, 0.1, 0.1, 0.1, 0.1, 0.1], store.ReadSeries(writer.RunId, layer: "", series: "lr").SelectMany(c => c.Values).Select(v => Math.Round(v, 6)));
    }

    [Fact]
    public void Writer_StoreGoneMidRun_WarnsOnceAndStopsWritingWithoutThrowing()
    {
        using var t = TestStore.Sqlite();
        var store = t.Open();
        var writer = new RunWriter(store, new RunStart("train", null, "blobs"));
        var warnings = new List<string>();
        writer.Warning += warnings.Add;
        // the file's schema disappears under the writer (as a deleted or replaced database would)
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={t.Target};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "DROP TABLE epoch_metrics";
            cmd.ExecuteNonQuery();
        }
        writer.Epoch(1, [new("loss", 1.0)]);
        writer.Epoch(2, [new("loss", 0.5)]);
        Assert.NotNull(writer.Error);
        Assert.Single(warnings);
        Assert.Contains($"recording of run {writer.RunId} stopped", warnings[0]);
        store.Dispose();
    }
}
