using Convergent.Tensors;

namespace Convergent.Data;

/// <summary>
/// Standardizes features to zero mean and unit variance: <c>x' = (x − mean) / std</c>, with mean and the
/// population standard deviation (ddof = 0, as scikit-learn's <c>StandardScaler</c>) fitted per index of the
/// <b>last</b> axis over all other axes — per feature for (N, F) data, per channel for channels_last images
/// (N, H, W, C). A constant feature (std = 0) is left unscaled (std taken as 1), as scikit-learn does.
/// Fit on the training split only, then apply the same statistics to validation and test data.
/// </summary>
public sealed class Standardizer
{
    /// <summary>Per-feature means (null before <see cref="Fit"/>).</summary>
    public double[]? Mean { get; private set; }

    /// <summary>Per-feature standard deviations, zeros replaced by 1 (null before <see cref="Fit"/>).</summary>
    public double[]? Std { get; private set; }

    /// <summary>Computes the statistics of <paramref name="x"/> (in double, to avoid float32 cancellation on large N).</summary>
    public Standardizer Fit(Tensor x)
    {
        var (data, f) = Features.Read(x, nameof(x));
        var mean = new double[f];
        var m2 = new double[f];
        long rows = data.Length / f;
        if (rows == 0) throw new ArgumentException("Cannot fit on an empty tensor.", nameof(x));
        for (long r = 0; r < rows; r++)
            for (int j = 0; j < f; j++) mean[j] += data[r * f + j];
        for (int j = 0; j < f; j++) mean[j] /= rows;
        // Two passes (mean, then squared deviations) rather than E[x²] − E[x]², which cancels catastrophically.
        for (long r = 0; r < rows; r++)
            for (int j = 0; j < f; j++) { double d = data[r * f + j] - mean[j]; m2[j] += d * d; }
        var std = new double[f];
        for (int j = 0; j < f; j++) { double s = Math.Sqrt(m2[j] / rows); std[j] = s == 0 ? 1 : s; }
        Mean = mean;
        Std = std;
        return this;
    }

    /// <summary>Applies the fitted statistics; returns a new tensor of the input's shape and type.</summary>
    public Tensor Transform(Tensor x) => Features.Map(x, Mean ?? throw NotFitted(), (v, j) => (v - Mean![j]) / Std![j]);

    /// <summary>Undoes <see cref="Transform"/>.</summary>
    public Tensor InverseTransform(Tensor x) => Features.Map(x, Mean ?? throw NotFitted(), (v, j) => v * Std![j] + Mean![j]);

    /// <summary><see cref="Fit"/> then <see cref="Transform"/>.</summary>
    public Tensor FitTransform(Tensor x) => Fit(x).Transform(x);

    private static InvalidOperationException NotFitted() => new("Call Fit before Transform.");
}
