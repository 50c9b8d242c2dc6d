using Convergent.Tensors;

namespace Convergent.Nn.Tests.Models;

public class FitSemanticsTests
{
    private static (Tensor X, Tensor Y) Data(int n, int seed = 3)
    {
        var rng = new Random(seed);
        var x = new float[n * 3]; var y = new float[n * 2];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 3; j++) x[i * 3 + j] = (float)(rng.NextDouble() * 2 - 1);
            y[i * 2 + (x[i * 3] + x[i * 3 + 1] > 0 ? 1 : 0)] = 1;
        }
        return (Tensor.FromArray(x, n, 3), Tensor.FromArray(y, n, 2));
    }

    private static Sequential Model(int seed = 7)
    {
        var m = new Sequential([new Dense(8, Activations.Tanh), new Dense(2, Activations.Softmax)], new Shape(3), seed: seed);
        m.Compile(new SGD(learningRate: 0.1), new CategoricalCrossentropy(), new Accuracy());
        m.Output = TextWriter.Null;
        return m;
    }

    [Theory]
    [InlineData(512, 0.2, 409)]   // user story 5: rows 409…511 (all of class 1) become the validation set
    [InlineData(10, 0.2, 8)]
    [InlineData(10, 0.25, 7)]     // ⌊7.5⌋: Keras 3 floors
    [InlineData(100, 0.1, 90)]
    public void ValidationSplitIndex_KerasFloor_MatchesHandComputed(int n, double split, int expected) =>
        Assert.Equal(expected, Nn.Model.ValidationSplitIndex(n, split));

    [Fact]
    public void Fit_ValidationSplit_UsesTheTailRowsUnshuffled()
    {
        var (x, y) = Data(50);
        var model = Model();
        var history = model.Fit(x, y, batchSize: 8, epochs: 1, verbose: 0, validationSplit: 0.2);
        // validation runs with the final weights on rows 40…49: recomputing on exactly those rows gives the same loss
        var tail = model.Evaluate(x.SliceRows(40, 50), y.SliceRows(40, 50), verbose: 0);
        Assert.Equal(tail.Loss!.Value, history["val_loss"][0], 6);
        Assert.Equal(tail["accuracy"]!.Value, history["val_accuracy"][0], 6);
        var head = model.Evaluate(x.SliceRows(0, 40), y.SliceRows(0, 40), verbose: 0);
        Assert.NotEqual(head.Loss!.Value, history["val_loss"][0], 6);
    }

    [Fact]
    public void Fit_SameSeed_GivesIdenticalWeights()
    {
        var (x, y) = Data(64);
        var a = Model(11); var b = Model(11);
        a.Fit(x, y, batchSize: 8, epochs: 3, verbose: 0);
        b.Fit(x, y, batchSize: 8, epochs: 3, verbose: 0);
        var wa = a.GetWeights(); var wb = b.GetWeights();
        for (int i = 0; i < wa.Count; i++) Assert.Equal(wa[i].ToFloatArray(), wb[i].ToFloatArray());
        var c = Model(12);
        c.Fit(x, y, batchSize: 8, epochs: 3, verbose: 0);
        Assert.NotEqual(wa[0].ToFloatArray(), c.GetWeights()[0].ToFloatArray());
    }

    [Fact]
    public void TrainOnBatch_StepMemoryReused_SameWeightsAsPlainSteps()
    {
        // TrainOnBatch keeps a step's activations and gradients in a TensorArena and reuses them in the next step; a
        // twin model stepped by hand (no arena, fresh arrays) must end with bit-identical weights. The activations
        // (8 × 16 × 16 × 8 = 16,384 values) are large enough to be pooled; dropout draws the same masks in both.
        static Sequential Cnn() => new(
            [
                new Conv2D(8, 3, padding: Padding.Same, activation: Activations.Relu), new MaxPooling2D(2), new Dropout(0.3),
                new Flatten(), new Dense(16, Activations.Relu), new Dense(3, Activations.Softmax),
            ], new Shape(16, 16, 2), seed: 5);
        var rng = new Random(1);
        var x = new float[8 * 16 * 16 * 2]; var y = new float[8 * 3];
        for (int i = 0; i < x.Length; i++) x[i] = (float)rng.NextDouble();
        for (int i = 0; i < 8; i++) y[i * 3 + i % 3] = 1;
        var xs = Tensor.FromArray(x, 8, 16, 16, 2); var ys = Tensor.FromArray(y, 8, 3);

        var pooled = Cnn(); pooled.Compile(new Adam(), new CategoricalCrossentropy());
        var plain = Cnn(); plain.Compile(new Adam(), new CategoricalCrossentropy());
        var trainable = plain.TrainableWeights.ToList();
        for (int step = 0; step < 3; step++)
        {
            double lossPooled = pooled.TrainOnBatch(xs, ys);
            foreach (var v in trainable) v.Value.Grad = null;
            var loss = plain.Loss!.Compute(ys, plain.Call(xs, training: true));
            loss.Backward();
            plain.Optimizer!.Apply(trainable);
            Assert.Equal(loss.Item(), lossPooled);
        }
        var wa = pooled.GetWeights(); var wb = plain.GetWeights();
        for (int i = 0; i < wa.Count; i++) Assert.Equal(wb[i].ToFloatArray(), wa[i].ToFloatArray());
    }

    [Fact]
    public void Fit_InitialEpoch_NumbersEpochsFromIt()
    {
        var (x, y) = Data(16);
        var model = Model();
        var h = model.Fit(x, y, epochs: 5, initialEpoch: 3, verbose: 0);
        Assert.Equal(new[] { 3, 4 }, h.Epochs);
    }

    [Fact]
    public void Fit_ShapeMismatch_NamesBothShapesAndTheLayer()
    {
        var model = Model();
        var ex = Assert.Throws<ArgumentException>(() => model.Fit(Tensor.Zeros(new Shape(4, 5)), Tensor.Zeros(new Shape(4, 2)), verbose: 0));
        Assert.Contains("(None, 3)", ex.Message);
        Assert.Contains("(None, 5)", ex.Message);
        Assert.Contains("dense", ex.Message);
    }

    [Fact]
    public void Fit_SampleCountMismatch_IsClearError()
    {
        var ex = Assert.Throws<ArgumentException>(() => Model().Fit(Tensor.Zeros(new Shape(4, 3)), Tensor.Zeros(new Shape(5, 2)), verbose: 0));
        Assert.Contains("4", ex.Message);
        Assert.Contains("5", ex.Message);
    }

    [Fact]
    public void Fit_ClassWeight_ScalesEachSamplesLoss()
    {
        // one batch, lr 0: the logged loss is the class-weighted mean of the per-sample losses
        var (x, y) = Data(6);
        var model = new Sequential([new Dense(2, Activations.Softmax)], new Shape(3), seed: 5);
        model.Compile(new SGD(learningRate: 0.0), new CategoricalCrossentropy());
        model.Output = TextWriter.Null;
        var per = new CategoricalCrossentropy().Call(y, model.Predict(x)).ToDoubleArray();
        var labels = Enumerable.Range(0, 6).Select(i => y[i * 2 + 1] > 0.5 ? 1 : 0).ToArray();
        double expected = Enumerable.Range(0, 6).Sum(i => per[i] * (labels[i] == 1 ? 3.0 : 1.0)) / 6;
        var h = model.Fit(x, y, batchSize: 6, epochs: 1, verbose: 0, shuffle: false, classWeight: new Dictionary<int, double> { [1] = 3.0 });
        Assert.Equal(expected, h["loss"][0], 5);
    }

    [Fact]
    public void Fit_EpochLogs_HaveKerasNamesAndOrder()
    {
        var (x, y) = Data(20);
        var h = Model().Fit(x, y, epochs: 1, verbose: 0, validationSplit: 0.25);
        Assert.Equal(new[] { "loss", "accuracy", "val_loss", "val_accuracy", "learning_rate" }, h.Keys);
        Assert.Equal(0.1, h["learning_rate"][0], 12);
    }

    [Fact]
    public void Fit_Verbose2_PrintsOneKerasLinePerEpoch()
    {
        var (x, y) = Data(20);
        var model = Model();
        var sw = new StringWriter();
        model.Output = sw;
        model.Fit(x, y, batchSize: 10, epochs: 2, verbose: 2);
        var lines = sw.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Epoch 1/2", lines[0].TrimEnd());
        Assert.StartsWith("2/2 - ", lines[1]);
        Assert.Contains(" - loss: ", lines[1]);
        Assert.Contains(" - accuracy: ", lines[1]);
        Assert.Equal("Epoch 2/2", lines[2].TrimEnd());
    }

    [Fact]
    public void Summary_ListsLayersShapesAndKerasParameterCounts()
    {
        var model = Model();
        var text = model.Summary();
        Assert.Contains("dense (Dense)", text);
        Assert.Contains("dense_1 (Dense)", text);
        Assert.Contains("(None, 8)", text);
        Assert.Contains("Total params: 50 (200.00 B)", text);   // 3·8 + 8 + 8·2 + 2
    }

    [Fact]
    public void Predict_InBatches_EqualsOneBigCall()
    {
        var (x, _) = Data(37);
        var model = Model();
        var a = model.Predict(x, batchSize: 5).ToFloatArray();
        var b = model.Call(x).ToFloatArray();
        Assert.Equal(b, a);
    }
}
