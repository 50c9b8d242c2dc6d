using Convergent.Tensors;

namespace Convergent.Data;

/// <summary>
/// Scales each feature (index of the last axis) linearly to [<see cref="Min"/>, <see cref="Max"/>] (default
/// [0, 1]): <c>x' = (x − dataMin) / (dataMax − dataMin) · (Max − Min) + Min</c>, as scikit-learn's
/// <c>MinMaxScaler</c>. A constant feature (range 0) is mapped to <see cref="Min"/> (range taken as 1).
/// </summary>
public sealed class MinMaxScaler
{
    /// <summary>Creates a scaler to the range [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public MinMaxScaler(double min = 0, double max = 1)
    {
        if (!(min < max)) throw new ArgumentException($"min must be below max. Received: min={min}, max={max}");
        Min = min;
        Max = max;
    }

    /// <summary>Lower end of the target range.</summary>
    public double Min { get; }

    /// <summary>Upper end of the target range.</summary>
    public double Max { get; }

    /// <summary>Per-feature minimum of the fitted data (null before <see cref="Fit"/>).</summary>
    public double[]? DataMin { get; private set; }

    /// <summary>Per-feature maximum of the fitted data (null before <see cref="Fit"/>).</summary>
    public double[]? DataMax { get; private set; }

    /// <summary>Records each feature's minimum and maximum (NaN values are ignored).</summary>
    public MinMaxScaler Fit(Tensor x)
    {
        var (data, f) = Features.Read(x, nameof(x));
        var lo = Enumerable.Repeat(double.PositiveInfinity, f).ToArray();
        var hi = Enumerable.Repeat(double.NegativeInfinity, f).ToArray();
        for (long i = 0; i < data.Length; i++)
        {
            int j = (int)(i % f);
            double v = data[i];
            if (v < lo[j]) lo[j] = v;
            if (v > hi[j]) hi[j] = v;
        }
        if (data.Length == 0) throw new ArgumentException("Cannot fit on an empty tensor.", nameof(x));
        DataMin = lo;
        DataMax = hi;
        return this;
    }

    /// <summary>Applies the fitted scaling; returns a new tensor of the input's shape and type.</summary>
    public Tensor Transform(Tensor x) => Features.Map(x, DataMin ?? throw NotFitted(), (v, j) => (v - DataMin![j]) / Range(j) * (Max - Min) + Min);

    /// <summary>Undoes <see cref="Transform"/>.</summary>
    public Tensor InverseTransform(Tensor x) => Features.Map(x, DataMin ?? throw NotFitted(), (v, j) => (v - Min) / (Max - Min) * Range(j) + DataMin![j]);

    /// <summary><see cref="Fit"/> then <see cref="Transform"/>.</summary>
    public Tensor FitTransform(Tensor x) => Fit(x).Transform(x);

    private double Range(int j)
    {
        double r = DataMax![j] - DataMin![j];
        return r == 0 ? 1 : r;
    }

    private static InvalidOperationException NotFitted() => new("Call Fit before Transform.");
}
