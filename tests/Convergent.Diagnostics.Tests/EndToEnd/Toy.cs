using Convergent.Nn;

namespace Convergent.Diagnostics.Tests;

/// <summary>Small generated data sets and models for end-to-end runs.</summary>
internal static class Toy
{
    /// <summary>Two Gaussian blobs in 2-D (centres ±1.5, σ = 0.7), shuffled, one-hot labels.</summary>
    public static (Tensor X, Tensor Y) Blobs(int n = 256, int seed = 7, float scale = 1)
    {
        var rng = new Random(seed);
        var x = new float[n * 2]; var y = new float[n * 2];
        for (int i = 0; i < n; i++)
        {
            int c = i % 2;
            double cx = c == 0 ? -1.5 : 1.5;
            x[2 * i] = (float)(cx + 0.7 * Gauss(rng)) * scale;
            x[2 * i + 1] = (float)(-cx + 0.7 * Gauss(rng)) * scale;
            y[2 * i + c] = 1;
        }
        return (Tensor.FromArray(x, n, 2), Tensor.FromArray(y, n, 2));
    }

    public static double Gauss(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>Dense(16, relu) → Dense(2, softmax), compiled with <paramref name="optimizer"/> and categorical crossentropy.</summary>
    public static Func<Model> Mlp(Func<Optimizer> optimizer, Activation? hidden = null, int seed = 1) => () =>
    {
        var m = new Sequential([new Dense(16, hidden ?? Activations.Relu), new Dense(2, Activations.Softmax)], new Shape(2), seed: seed);
        m.Compile(optimizer(), new CategoricalCrossentropy(), new Accuracy());
        return m;
    };
}
