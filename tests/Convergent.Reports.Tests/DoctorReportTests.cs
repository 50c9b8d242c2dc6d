using System.Text.Json;
using Convergent.Diagnostics;
using Convergent.Nn;
using Convergent.Tensors;

namespace Convergent.Reports.Tests;

public class DoctorReportTests
{
    [Fact]
    public void DoctorRun_Report_HasModelLayersDataTrainingAndVerdict()
    {
        var rng = new Random(7);
        int n = 128;
        var x = new float[n * 2]; var y = new float[n * 2];
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
        var result = new Doctor(new DoctorOptions { QuickProbes = [], Source = "toy.py" })
            .Run(factory, Tensor.FromArray(x, n, 2), Tensor.FromArray(y, n, 2), new FitSettings { Epochs = 3, BatchSize = 32, ValidationSplit = 0.25 });
        using var doc = JsonDocument.Parse(ReportWriter.ToJson(result.Record, result.Diagnosis));
        var root = doc.RootElement;
        var model = root.GetProperty("model");
        Assert.Equal("toy.py", model.GetProperty("source").GetString());
        Assert.Equal(2 * 16 + 16 + 16 * 2 + 2, model.GetProperty("params").GetInt64());
        var layers = model.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(["dense", "dense_1"], layers.Select(l => l.GetProperty("name").GetString()));
        Assert.Equal(["Dense", "Dense"], layers.Select(l => l.GetProperty("type").GetString()));
        Assert.Equal("[null,16]", layers[0].GetProperty("output_shape").GetRawText().Replace(" ", "").Replace("\n", ""));
        Assert.Equal("relu", layers[0].GetProperty("activation").GetString());
        var data = root.GetProperty("data");
        Assert.Equal(96, data.GetProperty("train_samples").GetInt32());
        Assert.Equal(32, data.GetProperty("val_samples").GetInt32());
        Assert.Equal(2, data.GetProperty("classes").GetInt32());
        var training = root.GetProperty("training");
        Assert.Equal("adam", training.GetProperty("optimizer").GetString());
        Assert.Equal(0.01, training.GetProperty("learning_rate").GetDouble(), 6);
        Assert.Equal("categorical_crossentropy", training.GetProperty("loss").GetString());
        Assert.Equal(32, training.GetProperty("batch_size").GetInt32());
        Assert.Equal(1337, training.GetProperty("seed").GetInt32());
        var epochs = training.GetProperty("epochs").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], epochs.Select(e => e.GetProperty("epoch").GetInt32()));
        Assert.All(epochs, e => Assert.Equal(JsonValueKind.Number, e.GetProperty("val_accuracy").ValueKind));
        Assert.All(epochs, e => Assert.Equal(0.01, e.GetProperty("lr").GetDouble(), 6));
        Assert.All(epochs, e => Assert.True(e.GetProperty("seconds").GetDouble() >= 0));
        Assert.Equal("completed", training.GetProperty("stopped").GetString());
        Assert.Contains(root.GetProperty("verdict").GetString(), new[] { "healthy", "hurt" });
    }
}
