namespace Convergent.Nn.Tests.Callbacks;

public sealed class ModelCheckpointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("convergent-ckpt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Records saves instead of writing a file format.</summary>
    private sealed class RecordingWriter : IModelWriter
    {
        public List<(string Path, bool WeightsOnly)> Saves { get; } = [];
        public void Save(Model model, string path, bool weightsOnly) => Saves.Add((path, weightsOnly));
    }

    private static void DriveEpochs(ModelCheckpoint cb, string key, params double[] values)
    {
        cb.SetModel(TinyModel.Create(metrics: new Accuracy()));
        cb.OnTrainBegin();
        for (int e = 0; e < values.Length; e++)
        {
            cb.OnEpochBegin(e);
            cb.OnEpochEnd(e, TinyModel.Logs(("loss", 1.0), (key, values[e])));
        }
    }

    [Fact]
    public void ModelCheckpoint_TemplatedPath_FormatsEpochAndLogsLikePython()
    {
        var writer = new RecordingWriter();
        var cb = new ModelCheckpoint(Path.Combine(_dir, "ckpt", "model-{epoch:02d}-{val_loss:.2f}.keras"), writer, saveWeightsOnly: true);
        DriveEpochs(cb, "val_loss", 0.5, 0.6, 0.4123);
        Assert.Equal(
            [Path.Combine(_dir, "ckpt", "model-01-0.50.keras"), Path.Combine(_dir, "ckpt", "model-02-0.60.keras"), Path.Combine(_dir, "ckpt", "model-03-0.41.keras")],
            writer.Saves.Select(s => s.Path));
        Assert.All(writer.Saves, s => Assert.True(s.WeightsOnly));
        Assert.True(Directory.Exists(Path.Combine(_dir, "ckpt")));
    }

    [Fact]
    public void ModelCheckpoint_SaveBestOnly_SavesOnlyImprovements()
    {
        var writer = new RecordingWriter();
        var cb = new ModelCheckpoint(Path.Combine(_dir, "best-{epoch}.keras"), writer, saveBestOnly: true);
        DriveEpochs(cb, "val_loss", 0.5, 0.6, 0.4, 0.45);
        Assert.Equal([Path.Combine(_dir, "best-1.keras"), Path.Combine(_dir, "best-3.keras")], writer.Saves.Select(s => s.Path));
    }

    [Fact]
    public void ModelCheckpoint_AccuracyAutoModeWithThreshold_SavesWhenAboveIt()
    {
        var writer = new RecordingWriter();
        var cb = new ModelCheckpoint(Path.Combine(_dir, "m-{val_accuracy:.3f}.keras"), writer, monitor: "val_accuracy",
            saveBestOnly: true, initialValueThreshold: 0.7);
        DriveEpochs(cb, "val_accuracy", 0.6, 0.75, 0.72, 0.875);
        Assert.Equal([Path.Combine(_dir, "m-0.750.keras"), Path.Combine(_dir, "m-0.875.keras")], writer.Saves.Select(s => s.Path));
    }

    [Fact]
    public void ModelCheckpoint_SaveFreqInBatches_SavesEveryNBatchesAcrossEpochs()
    {
        var writer = new RecordingWriter();
        var cb = new ModelCheckpoint(Path.Combine(_dir, "e{epoch}-b{batch}.keras"), writer, saveFreq: 3);
        cb.SetModel(TinyModel.Create());
        for (int e = 0; e < 2; e++)
        {
            cb.OnEpochBegin(e);
            for (int b = 0; b < 4; b++) cb.OnTrainBatchEnd(b, TinyModel.Logs(("loss", 1.0)));
            cb.OnEpochEnd(e, TinyModel.Logs(("loss", 1.0)));
        }
        // 8 batches: saves after the 3rd (epoch 1, batch 3) and the 6th (epoch 2, batch 2)
        Assert.Equal([Path.Combine(_dir, "e1-b3.keras"), Path.Combine(_dir, "e2-b2.keras")], writer.Saves.Select(s => s.Path));
    }

    [Fact]
    public void ModelCheckpoint_UnknownPlaceholder_ThrowsNamingIt()
    {
        var cb = new ModelCheckpoint(Path.Combine(_dir, "{val_auc:.2f}.keras"), new RecordingWriter());
        cb.SetModel(TinyModel.Create());
        var ex = Assert.Throws<KeyNotFoundException>(() => cb.OnEpochEnd(0, TinyModel.Logs(("loss", 1.0))));
        Assert.Contains("'val_auc'", ex.Message);
    }

    [Theory]
    [InlineData("{epoch:03d}", "007")]
    [InlineData("{epoch:>4}", "   7")]
    [InlineData("{epoch}", "7")]
    [InlineData("{loss:.3e}", "1.235e-04")]
    [InlineData("{loss}", "0.000123456")]
    [InlineData("{loss:g}", "0.000123456")]
    [InlineData("{big:g}", "1.23457e+06")]
    [InlineData("{big:,.1f}", "1,234,567.9")]
    [InlineData("{acc:.1%}", "87.5%")]
    [InlineData("{neg:+.2f}|{acc:+.2f}", "-0.50|+0.88")]
    [InlineData("{neg:08.3f}", "-000.500")]
    [InlineData("{{epoch}}-{epoch:<3}|", "{epoch}-7  |")]
    public void ModelCheckpoint_FormatSpecs_MatchPythonStrFormat(string template, string expected)
    {
        var cb = new ModelCheckpoint(template, new RecordingWriter());
        var logs = TinyModel.Logs(("loss", 0.000123456), ("big", 1234567.89), ("acc", 0.875), ("neg", -0.5));
        Assert.Equal(expected, cb.FilePath(6, null, logs));
    }

    [Fact]
    public void ModelCheckpoint_IntegerSpecOnFloat_ThrowsLikePython()
    {
        var cb = new ModelCheckpoint("{loss:02d}", new RecordingWriter());
        Assert.Throws<FormatException>(() => cb.FilePath(0, null, TinyModel.Logs(("loss", 1.0))));
    }
}
