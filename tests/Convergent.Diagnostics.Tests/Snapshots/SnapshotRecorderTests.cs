using Convergent.Nn;

namespace Convergent.Diagnostics.Tests;

public class SnapshotRecorderTests
{
    [Fact]
    public void FilterEpochs_TenEpochsFiveSnapshots_AreInitAndEvenlySpread()
    {
        Assert.Equal([0, 3, 5, 8, 10], SnapshotRecorder.FilterEpochs(10, 5));
        Assert.Equal([0, 1, 2, 3], SnapshotRecorder.FilterEpochs(3, 5));
        Assert.Equal([0, 1], SnapshotRecorder.FilterEpochs(1, 5));
    }

    private static (Tensor X, Tensor Y) Images(int n, int side, int channels, int seed = 3)
    {
        var rng = new Random(seed);
        var x = new float[n * side * side * channels]; var y = new float[n * 2];
        for (int i = 0; i < n; i++)
        {
            int c = i % 2;
            for (int k = 0; k < side * side * channels; k++) x[i * side * side * channels + k] = (float)(rng.NextDouble() + c * 0.5);
            y[2 * i + c] = 1;
        }
        return (Tensor.FromArray(x, n, side, side, channels), Tensor.FromArray(y, n, 2));
    }

    private static Sequential Cnn(int side, int channels, int kernel) =>
        new([new Conv2D(4, kernel, activation: Activations.Relu), new Flatten(), new Dense(2, Activations.Softmax)], new Shape(side, side, channels), seed: 5);

    [Fact]
    public void Filters_FourEpochs_KeptAtInitEveryEpochAndEqualTheKernel()
    {
        var (x, y) = Images(32, 6, 1);
        var model = Cnn(6, 1, 3);
        model.Compile(new SGD(0.05), new CategoricalCrossentropy(), new Accuracy());
        model.Output = TextWriter.Null;
        var initial = ((Conv2D)model.Layers[0]).Kernel!.Value.ToDoubleArray();
        var record = new RunRecord();
        var fit = new FitSettings { Epochs = 4, BatchSize = 8 };
        model.Fit(x, y, batchSize: 8, epochs: 4, verbose: 0, callbacks: [new SnapshotRecorder(record, x, y, fit)]);

        var snaps = record.Snapshots.Filters;
        Assert.Equal([0, 1, 2, 3, 4], snaps.Select(s => s.Epoch));
        Assert.Equal([0L, 4, 8, 12, 16], snaps.Select(s => s.Step));
        Assert.All(snaps, s => Assert.Equal((4, 4, 3, 3, 1), (s.Filters, s.TotalFilters, s.Height, s.Width, s.Channels)));
        var final = ((Conv2D)model.Layers[0]).Kernel!.Value.ToDoubleArray();
        // kernel layout (kh, kw, in = 1, filters): element (r, c, 0, f) at (r·3 + c)·4 + f
        for (int f = 0; f < 4; f++)
            for (int r = 0; r < 3; r++)
                for (int c = 0; c < 3; c++)
                {
                    Assert.Equal((float)initial[(r * 3 + c) * 4 + f], snaps[0].At(f, r, c));
                    Assert.Equal((float)final[(r * 3 + c) * 4 + f], snaps[^1].At(f, r, c));
                }
        Assert.NotEqual(snaps[0].Values, snaps[^1].Values);
    }

    [Fact]
    public void Filters_LargeRgbKernel_AreBlockAveragedPerChannel()
    {
        var (x, y) = Images(8, 8, 3);
        var model = Cnn(8, 3, 8);
        model.Compile(new SGD(0.01), new CategoricalCrossentropy());
        model.Output = TextWriter.Null;
        var k = ((Conv2D)model.Layers[0]).Kernel!.Value.ToDoubleArray();
        var record = new RunRecord();
        var recorder = new SnapshotRecorder(record, x, y, new FitSettings { Epochs = 0 }, new SnapshotOptions { MaxFilterSide = 4 });
        model.Fit(x, y, epochs: 0, verbose: 0, callbacks: [recorder]);

        var s = Assert.Single(record.Snapshots.Filters);
        Assert.Equal((4, 4, 3, 8, 8, 3, 2), (s.Height, s.Width, s.Channels, s.KernelHeight, s.KernelWidth, s.InputChannels, s.Downsample));
        // pixel (1, 2) of filter 3, green: the mean of kernel rows 2–3, columns 4–5, input channel 1
        double expected = 0;
        for (int r = 2; r < 4; r++)
            for (int c = 4; c < 6; c++) expected += k[((r * 8 + c) * 3 + 1) * 4 + 3];
        Assert.Equal(expected / 4, s.At(3, 1, 2, 1), 6);
    }

    [Fact]
    public void ConfusionAndBoundary_BlobsWithSplit_MatchThePredictions()
    {
        var (x, y) = Toy.Blobs(n: 200);
        var model = Toy.Mlp(() => new Adam(0.02))();
        model.Output = TextWriter.Null;
        var record = new RunRecord { Training = new TrainingFacts { Loss = "categorical_crossentropy" } };
        record.Data = DataFacts.Compute(x, y, 0.25);
        var fit = new FitSettings { Epochs = 3, BatchSize = 16, ValidationSplit = 0.25 };
        var recorder = new SnapshotRecorder(record, x, y, fit, new SnapshotOptions { GridSize = 12 });
        model.Fit(x, y, batchSize: 16, epochs: 3, verbose: 0, validationSplit: 0.25, callbacks: [recorder, new EpochCounter(record)]);

        // confusion matrix: the 50 validation rows (150…199), as Predict classifies them
        var cm = record.Snapshots.Confusion!;
        Assert.True(cm.OnValidation);
        Assert.Equal(3, cm.Epoch);
        var p = model.Predict(x.SliceRows(150, 200)).ToDoubleArray();
        var yv = y.ToDoubleArray();
        var expected = new long[4];
        for (int i = 0; i < 50; i++)
        {
            int truth = yv[(150 + i) * 2 + 1] > 0.5 ? 1 : 0, pred = p[2 * i + 1] > p[2 * i] ? 1 : 0;
            expected[truth * 2 + pred]++;
        }
        Assert.Equal(expected, cm.Counts);
        Assert.Equal(50, cm.Total);

        // decision boundary: the predicted class at each cell centre, over the data's range plus 5 %
        var b = record.Snapshots.Boundary!;
        Assert.Equal(12, b.Size);
        var xs = x.ToDoubleArray();
        double x0 = Enumerable.Range(0, 200).Min(i => xs[2 * i]), x1 = Enumerable.Range(0, 200).Max(i => xs[2 * i]);
        Assert.Equal(x0 - 0.05 * (x1 - x0), b.XMin, 9);
        Assert.Equal(x1 + 0.05 * (x1 - x0), b.XMax, 9);
        var centres = new float[12 * 12 * 2];
        for (int i = 0; i < 12; i++)
            for (int j = 0; j < 12; j++) { centres[2 * (i * 12 + j)] = (float)b.CellX(j); centres[2 * (i * 12 + j) + 1] = (float)b.CellY(i); }
        var g = model.Predict(Tensor.FromArray(centres, 144, 2)).ToDoubleArray();
        for (int c = 0; c < 144; c++)
        {
            Assert.Equal(g[2 * c + 1] > g[2 * c] ? 1 : 0, b.Classes[c]);
            Assert.Equal((float)Math.Max(g[2 * c], g[2 * c + 1]), b.Confidence[c], 5);
        }
        Assert.Contains(0, b.Classes);
        Assert.Contains(1, b.Classes);
        Assert.Equal(200, b.Points.Count);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => i >= 150), b.Points.Select(pt => pt.Validation));
        Assert.Equal(xs[2 * 7 + 1], b.Points[7].Y);
    }

    /// <summary>Fills the record's epoch table the way the doctor's probe does, so the recorder knows the last epoch.</summary>
    private sealed class EpochCounter(RunRecord record) : Callback
    {
        public override void OnEpochEnd(int epoch, Convergent.Nn.Logs logs) => record.Epochs.Add(epoch + 1, logs);
    }
}
