using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>The random draws initializers share, in double, from a <see cref="Random"/> so a seed fixes them.</summary>
internal static class Sampling
{
    /// <summary>A standard normal draw (Box–Muller; 1 − U keeps the logarithm's argument in (0, 1]).</summary>
    public static double Normal(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A standard normal draw conditioned on |z| ≤ 2, by rejection, as <c>tf.random.truncated_normal</c>
    /// (acceptance 95.4 %, so the loop is short).</summary>
    public static double TruncatedNormal(Random rng)
    {
        while (true)
        {
            double z = Normal(rng);
            if (Math.Abs(z) <= 2.0) return z;
        }
    }

    /// <summary>A tensor filled by <paramref name="draw"/>, converted to <paramref name="dtype"/>.</summary>
    public static Tensor Fill(Shape shape, DType dtype, Func<double> draw)
    {
        var t = Tensor.Zeros(shape, dtype);
        if (dtype == DType.Float32) { var d = t.Float32Data; for (int i = 0; i < d.Length; i++) d[i] = (float)draw(); }
        else { var d = t.Float64Data; for (int i = 0; i < d.Length; i++) d[i] = draw(); }
        return t;
    }

    /// <summary>The initializer's own seed when it has one (Keras: a seeded initializer repeats its values on every
    /// call), else the caller's stream.</summary>
    public static Random Source(int? seed, Random rng) => seed is { } s ? new Random(s) : rng;
}
