using Convergent.Tensors;
using Convergent.Testing;

namespace Convergent.Nn.Tests;

/// <summary>Finite-difference checks of a layer in double: the input and every trainable weight.</summary>
internal static class LayerCheck
{
    /// <summary>Builds <paramref name="layer"/> in Float64 for samples of <paramref name="sampleShape"/> (seeded).</summary>
    public static T Built<T>(T layer, params int[] sampleShape) where T : Layer
    {
        layer.Build(new Shape(sampleShape), DType.Float64, new Random(1));
        return layer;
    }

    /// <summary>Largest gradient error of Σ r ⊙ layer(x) over x and the trainable weights.</summary>
    public static double GradientError(Layer layer, Tensor x, bool training = false)
    {
        var inputs = new List<Tensor> { x };
        inputs.AddRange(layer.TrainableWeights.Select(w => w.Value));
        return GradCheck.MaxError(GradCheck.Weighted(v => layer.Call(v[0], training)), [.. inputs]);
    }

    /// <summary>Asserts the gradient check passes, naming the error.</summary>
    public static void AssertGradients(Layer layer, Tensor x, bool training = false)
    {
        double err = GradientError(layer, x, training);
        Assert.True(err < GradCheck.Tolerance, $"{layer.ClassName}: max gradient error {err}");
    }
}
