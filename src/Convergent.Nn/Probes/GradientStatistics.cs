using System.Numerics;
using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Σg² and Σ|g| over the finite entries of one variable's gradient, and how many entries are NaN or ±Inf — what a probe
/// needs for the gradient's L2 norm, its mean |g| and its non-finite count, in sums it can add up per layer. An optimizer
/// tracking its updates (<see cref="Optimizer.Apply"/>) measures them on the raw gradient, before any clipping, and hands
/// them over in <see cref="VariableUpdates.Gradients"/>; <see cref="Of(Tensor)"/> measures a tensor directly.
/// </summary>
/// <param name="SumOfSquares">Σg² over the finite entries (NaN: not measured).</param>
/// <param name="SumOfMagnitudes">Σ|g| over the finite entries (NaN: not measured).</param>
/// <param name="NonFinite">Entries that are NaN or ±Inf.</param>
public readonly record struct GradientStatistics(double SumOfSquares, double SumOfMagnitudes, long NonFinite)
{
    /// <summary>Sums are kept in the element type over blocks of this many entries, then added in double.</summary>
    public const int Block = 4096;

    /// <summary>No measurement (a probe measures the gradient itself).</summary>
    public static GradientStatistics NotMeasured { get; } = new(double.NaN, double.NaN, 0);

    /// <summary>Whether the sums were measured.</summary>
    public bool Measured => !double.IsNaN(SumOfSquares);

    /// <summary>‖g‖₂ over the finite entries.</summary>
    public double Norm => Math.Sqrt(SumOfSquares);

    /// <summary>The statistics of a float32 or float64 tensor.</summary>
    public static GradientStatistics Of(Tensor g)
    {
        ArgumentNullException.ThrowIfNull(g);
        return g.DType == DType.Float32 ? Of<float>(g.AsSpan<float>()) : Of<double>(g.AsSpan<double>());
    }

    /// <summary>The statistics of <paramref name="g"/>: one vectorized pass per block; a block whose sums are not finite
    /// (a NaN or ±Inf inside, or float sums that overflowed) is summed again entry by entry in double.</summary>
    public static GradientStatistics Of<T>(ReadOnlySpan<T> g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (g.Length <= Block)
        {
            // one block (every weight of a small layer): the common, finite case returns at once
            var (q1, a1) = Sums(g);
            if (double.IsFinite(q1) && double.IsFinite(a1)) return new(q1, a1, 0);
        }
        double sq = 0, abs = 0;
        long nonFinite = 0;
        for (int start = 0; start < g.Length; start += Block)
        {
            var b = g.Slice(start, Math.Min(Block, g.Length - start));
            var (dq, da) = Sums(b);
            if (double.IsFinite(dq) && double.IsFinite(da)) { sq += dq; abs += da; continue; }
            foreach (var t in b)
            {
                double v = double.CreateTruncating(t);
                if (!double.IsFinite(v)) { nonFinite++; continue; }
                sq += v * v; abs += Math.Abs(v);
            }
        }
        return new(sq, abs, nonFinite);
    }

    /// <summary>Σg² and Σ|g| of a block, in the element type, returned in double.</summary>
    private static (double SumOfSquares, double SumOfMagnitudes) Sums<T>(ReadOnlySpan<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        T q = T.Zero, a = T.Zero;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && b.Length >= Vector<T>.Count)
        {
            var vq = Vector<T>.Zero; var va = Vector<T>.Zero;
            for (; i <= b.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = new Vector<T>(b.Slice(i, Vector<T>.Count));
                vq += v * v; va += Vector.Abs(v);
            }
            q = Vector.Sum(vq); a = Vector.Sum(va);
        }
        for (; i < b.Length; i++) { q += b[i] * b[i]; a += T.Abs(b[i]); }
        return (double.CreateTruncating(q), double.CreateTruncating(a));
    }
}
