using System.Text.Json;
using Convergent.Reports.TensorBoard;

namespace Convergent.Cli.Tests;

[Collection("cli")]
public sealed class TensorBoardCommandTests
{
    [Fact]
    public void Doctor_writes_tensorboard_event_files_with_the_reported_epoch_curves()
    {
        string dir = Path.Combine(Path.GetTempPath(), "convergent-tb-" + Guid.NewGuid().ToString("N"));
        string json = dir + ".json";
        var (exit, output, err) = CliRunner.Run("doctor", Repo.P("examples/05-two-curves/model.py"), "--data", "builtin:two-curves",
            "--epochs", "4", "--quiet", "--json", json, "--tensorboard", dir);

        Assert.True(exit == 0, err);
        Assert.Contains($"TensorBoard event files written to {Path.GetFullPath(dir)}", output);
        var train = TfEventsReader.Read(Assert.Single(TfEventsReader.EventFiles(Path.Combine(dir, "train"))));
        var validation = TfEventsReader.Read(Assert.Single(TfEventsReader.EventFiles(Path.Combine(dir, "validation"))));
        Assert.Equal("brain.Event:2", train[0].FileVersion);

        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var epochs = report.RootElement.GetProperty("training").GetProperty("epochs").EnumerateArray().ToList();
        Assert.Equal(4, epochs.Count);
        float[] Series(IReadOnlyList<TfEvent> events, string tag) =>
            events.SelectMany(e => e.Values.Where(v => v.Tag == tag).Select(v => (e.Step, v.Scalar!.Value))).OrderBy(p => p.Step).Select(p => p.Value).ToArray();
        // Keras's layout: epoch_loss in train/ and validation/, the step is epoch − 1
        Assert.Equal(epochs.Select(e => (float)e.GetProperty("loss").GetDouble()), Series(train, "epoch_loss"));
        Assert.Equal(epochs.Select(e => (float)e.GetProperty("val_loss").GetDouble()), Series(validation, "epoch_loss"));
        Assert.Contains(train, e => e.Values.Any(v => v.Histogram is not null));
        Directory.Delete(dir, recursive: true);
        File.Delete(json);
    }
}
