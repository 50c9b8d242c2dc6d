using Convergent.Nn;
using Convergent.Tensors;

namespace Convergent.Bench;

/// <summary>
/// The five workloads of ../shared/bench/torch_models.py, layer for layer: same shapes, batch sizes, initializers
/// (Keras glorot_uniform, zero biases), optimizers and constants. One difference, kept on purpose: the torch side
/// uses logits + fused cross-entropy; here the output is Dense(softmax) + categorical crossentropy with Keras's
/// clipping, which is what a Keras user's model computes.
/// </summary>
internal static class Workloads
{
    public sealed record Workload(string Name, Func<Sequential> Build, Func<Optimizer> Optimizer, int[] InputShape, int Classes, int Batch);

    public static readonly Workload[] All =
    [
        new("seed000_lenet", () => new Sequential(
            [
                new Conv2D(32, 5, padding: Padding.Same, activation: Activations.Relu), new MaxPooling2D(2),
                new Conv2D(64, 5, padding: Padding.Same, activation: Activations.Relu), new MaxPooling2D(2),
                new Flatten(), new Dense(512, Activations.Relu), new Dropout(0.5), new Dense(20, Activations.Softmax),
            ]), () => new Adam(), [56, 56, 3], 20, 64),
        new("seed002_cifar", Cifar, () => new Adam(), [32, 32, 3], 10, 128),
        new("seed004_mlp", () => new Sequential(
            [
                new Dense(4, Activations.Tanh), new Dense(4, Activations.Tanh), new Dense(4, Activations.Tanh),
                new Dense(4, Activations.Tanh), new Dense(2, Activations.Softmax),
            ]), () => new SGD(learningRate: 0.01), [2], 2, 8),
        new("mnist_mlp", () => new Sequential(
            [new Dense(512, Activations.Relu), new Dense(512, Activations.Relu), new Dense(10, Activations.Softmax)]),
            () => new SGD(learningRate: 0.01, momentum: 0.9), [784], 10, 128),
        new("mnist_cnn", () => new Sequential(
            [
                new Conv2D(32, 3, activation: Activations.Relu), new Conv2D(64, 3, activation: Activations.Relu),
                new MaxPooling2D(2), new Dropout(0.25), new Flatten(), new Dense(128, Activations.Relu),
                new Dropout(0.5), new Dense(10, Activations.Softmax),
            ]), () => new Adadelta(learningRate: 1.0, rho: 0.95, epsilon: 1e-7), [28, 28, 1], 10, 128),
    ];

    private static Sequential Cifar()
    {
        var layers = new List<Layer>();
        foreach (int c in new[] { 32, 64, 128 })
        {
            layers.Add(new Conv2D(c, 3, padding: Padding.Same, activation: Activations.Relu));
            layers.Add(new Conv2D(c, 3, padding: Padding.Same, activation: Activations.Relu));
            layers.Add(new MaxPooling2D(2));
            layers.Add(new Dropout(0.2));
        }
        layers.AddRange([new Flatten(), new Dense(1024, Activations.Relu), new Dropout(0.5),
            new Dense(512, Activations.Relu), new Dropout(0.5), new Dense(10, Activations.Softmax)]);
        return new Sequential(layers);
    }

    /// <summary>Forward multiply-adds of Conv2D and Dense layers per sample, from the built shapes (as the torch
    /// script counts them).</summary>
    public static long ForwardMacs(Sequential model)
    {
        long macs = 0;
        foreach (var l in model.Layers)
        {
            if (l is Dense d) macs += (long)d.Kernel!.Shape[0] * d.Units;
            else if (l is Conv2D c)
            {
                var k = c.Weights[0].Shape;   // (kh, kw, in, out)
                macs += (long)c.OutputShape!.Size * k[0] * k[1] * k[2];
            }
        }
        return macs;
    }
}
