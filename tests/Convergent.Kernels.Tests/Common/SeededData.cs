using System.Numerics;
namespace Convergent.Kernels.Tests.Common;

/// <summary>Reproducible inputs: a fixed seed per call site, uniform values, optionally without ties.</summary>
internal static class SeededData
{
    public static double[] Uniform(int length, double low, double high, int seed)
    {
        var random = new Random(seed);
        var values = new double[length];
        for (int i = 0; i < length; i++)
            values[i] = low + (high - low) * random.NextDouble();
        return values;
    }

    /// <summary>Uniform values rounded to float, so a float kernel and a double twin see the same inputs.</summary>
    public static double[] UniformFloatRepresentable(int length, double low, double high, int seed)
    {
        double[] values = Uniform(length, low, high, seed);
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)values[i];
        return values;
    }

    /// <summary>A random permutation of evenly spaced values in [low, high): no two equal, so a max is unique.</summary>
    public static double[] Distinct(int length, double low, double high, int seed)
    {
        var random = new Random(seed);
        var values = new double[length];
        for (int i = 0; i < length; i++)
            values[i] = low + (high - low) * i / Math.Max(length, 1);
        random.Shuffle(values);
        return values;
    }

    public static T[] Convert<T>(ReadOnlySpan<double> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new T[values.Length];
        for (int i = 0; i < values.Length; i++)
            result[i] = T.CreateTruncating(values[i]);
        return result;
    }

    public static double[] ToDouble<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
            result[i] = double.CreateTruncating(values[i]);
        return result;
    }
}
