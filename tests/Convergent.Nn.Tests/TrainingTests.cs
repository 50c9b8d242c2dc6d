using Convergent.Tensors;

namespace Convergent.Nn.Tests;

/// <summary>End-to-end: losses, metrics, optimizers and callbacks working together in <see cref="Model.Fit"/>.</summary>
public class TrainingTests
{
    // three well-separated clusters around (2, 0), (−1, 2), (−1, −2)
    private static readonly float[] Points =
        [2.1f, 0.2f, 1.8f, -0.3f, 2.4f, 0.1f, 1.9f, 0.4f,
         -1.2f, 2.1f, -0.8f, 1.7f, -1.1f, 2.4f, -0.9f, 2.2f,
         -1.0f, -2.2f, -1.3f, -1.8f, -0.7f, -2.1f, -1.1f, -1.9f];
    private static readonly int[] Classes = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2];

    private static Sequential Classifier(Optimizer optimizer, Loss loss)
    {
        var model = new Sequential([new Linear(3, [0.1, -0.2, 0.05, 0.3, 0.0, -0.1], [0, 0, 0])], new Shape(2)) { Output = new StringWriter() };
        model.Compile(optimizer, loss, new Accuracy());
        return model;
    }

    [Fact]
    public void Fit_SoftmaxRegressionWithAdam_LearnsSeparableClusters()
    {
        var oneHot = new float[36];
        for (int i = 0; i < 12; i++) oneHot[i * 3 + Classes[i]] = 1;
        var model = Classifier(new Adam(0.1), new CategoricalCrossentropy(fromLogits: true));
        Assert.IsType<CategoricalAccuracy>(model.Metrics[0]);
        var history = model.Fit(Tensor.FromArray(Points, 12, 2), Tensor.FromArray(oneHot, 12, 3), batchSize: 4, epochs: 30, verbose: 0);
        Assert.Equal(1.0, history["accuracy"][^1]);
        Assert.True(history["loss"][^1] < history["loss"][0] / 5, $"loss {history["loss"][0]} → {history["loss"][^1]}");
    }

    [Fact]
    public void Fit_SparseLabelsWithRmspropAndEarlyStopping_ResolvesSparseAccuracyAndStops()
    {
        var labels = Tensor.FromArray(Classes.Select(c => (float)c).ToArray(), 12);
        var model = Classifier(new RMSprop(0.05), new SparseCategoricalCrossentropy(fromLogits: true));
        Assert.IsType<SparseCategoricalAccuracy>(model.Metrics[0]);
        Assert.Equal("accuracy", model.Metrics[0].Name);
        var es = new EarlyStopping(monitor: "accuracy", patience: 3);
        var history = model.Fit(Tensor.FromArray(Points, 12, 2), labels, batchSize: 4, epochs: 200, verbose: 0, callbacks: [es]);
        Assert.Equal(1.0, history["accuracy"].Max());
        Assert.True(history.Epochs.Count < 200);                   // accuracy saturates at 1 and stops improving
        Assert.Equal(history.Epochs[^1], es.StoppedEpoch);
    }
}
