using Convergent.Tensors;

namespace Convergent.Nn.Tests;

public class SequentialLayersTests
{
    [Fact]
    public void Sequential_Mlp_NamesLayersKerasStyleAndCountsParameters()
    {
        var model = new Sequential([new Dense(512, Activations.Relu), new Dropout(0.2), new Dense(512, Activations.Relu), new Dense(10, Activations.Softmax)],
            inputShape: new Shape(784));
        Assert.Equal(new[] { "dense", "dropout", "dense_1", "dense_2" }, model.Layers.Select(l => l.Name));
        Assert.Equal("dense_1/kernel", model.Layers[2].Weights[0].Name);
        // 784·512 + 512 + 512·512 + 512 + 512·10 + 10
        Assert.Equal(669_706, model.ParameterCount);
    }

    [Fact]
    public void Sequential_SmallCnn_BuildsAndRunsForwardOnABatch()
    {
        var model = new Sequential(
        [
            new ZeroPadding2D(1),
            new Conv2D(8, 3, activation: Activations.Relu),
            new BatchNormalization(),
            new Conv2D(4, 3, strides: 2, padding: Padding.Same),
            new ReLU(),
            new Flatten(),
            new Dropout(0.5),
            new Dense(10),
            new Softmax(),
        ], inputShape: new Shape(12, 12, 1));
        Assert.Equal(new Shape(6, 6, 4), model.Layers[3].OutputShape);
        Assert.Equal(new Shape(10), model.OutputShape);
        var rng = new Random(3);
        var x = Tensor.FromArray(Enumerable.Range(0, 5 * 144).Select(_ => (float)rng.NextDouble()).ToArray(), 5, 12, 12, 1);
        foreach (bool training in new[] { false, true })
        {
            var y = model.Call(x, training).ToDoubleArray();
            Assert.Equal(50, y.Length);
            for (int r = 0; r < 5; r++) Assert.Equal(1.0, y.Skip(r * 10).Take(10).Sum(), 5);
        }
    }

    [Fact]
    public void Sequential_SameSeed_SameInitialWeights()
    {
        Sequential Make() => new([new Conv2D(4, 3), new Flatten(), new Dense(3)], inputShape: new Shape(6, 6, 2), seed: 5);
        var a = Make().GetWeights(); var b = Make().GetWeights();
        for (int i = 0; i < a.Count; i++) Assert.Equal(a[i].ToFloatArray(), b[i].ToFloatArray());
    }

    [Fact]
    public void Sequential_IncompatibleLayer_NamesLayerAndShape()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Sequential([new Dense(4), new Conv2D(2, 3)], inputShape: new Shape(8)));
        Assert.Contains("conv2d", ex.Message);
        Assert.Contains("(None, 4)", ex.Message);
    }

    [Fact]
    public void Sequential_PlainGradientSteps_LearnXor()
    {
        // end to end through Call → loss → Backward → weights: 300 steps of plain gradient descent on XOR
        var model = new Sequential([new Dense(8, Activations.Tanh), new Dense(1, Activations.Sigmoid)], inputShape: new Shape(2), seed: 3);
        var x = Tensor.FromArray(new float[] { 0, 0, 0, 1, 1, 0, 1, 1 }, 4, 2);
        var y = Tensor.FromArray(new float[] { 0, 1, 1, 0 }, 4, 1);
        double Loss(bool step)
        {
            foreach (var w in model.TrainableWeights) w.Value.Grad = null;
            var loss = Ops.Mean(Ops.Square(model.Call(x, training: true) - y));
            if (step)
            {
                loss.Backward();
                foreach (var w in model.TrainableWeights)
                    for (int i = 0; i < w.Value.Size; i++) w.Value[i] -= 2.0 * w.Gradient![i];
            }
            return loss.Item();
        }
        double first = Loss(false);
        for (int i = 0; i < 300; i++) Loss(true);
        double last = Loss(false);
        Assert.True(last < 0.05 && last < first / 4, $"loss {first} → {last}");
    }
}
