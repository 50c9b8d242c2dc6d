using Convergent.Tensors;

namespace Convergent.Data;

/// <summary>Per-last-axis-index helpers shared by the scalers.</summary>
internal static class Features
{
    public static (double[] Data, int F) Read(Tensor x, string name)
    {
        ArgumentNullException.ThrowIfNull(x, name);
        if (x.Rank < 2) throw new ArgumentException($"Expected (N, …, F) data of rank ≥ 2. Received: shape {x.Shape}", name);
        return (x.ToDoubleArray(), x.Shape[-1]);
    }

    public static Tensor Map(Tensor x, double[] stats, Func<double, int, double> f)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.Shape[-1];
        if (x.Rank < 2 || n != stats.Length)
            throw new ArgumentException($"Fitted on {stats.Length} features but received shape {x.Shape}.", nameof(x));
        var r = Tensor.ZerosLike(x);
        for (int i = 0; i < x.Size; i++) r[i] = f(x[i], i % n);
        return r;
    }
}
