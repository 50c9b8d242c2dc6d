using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// A (semi-)orthogonal matrix times <see cref="Gain"/>: the weight is seen as a matrix (product of all axes but the
/// last) × (last axis); a standard normal matrix of shape (max, min) of those is factored A = QR, the columns of Q are
/// multiplied by sign(diag R) — which makes Q the unique factor with positive diag R, hence Haar-distributed and
/// independent of the QR algorithm — and Q (transposed when there are fewer rows than columns) is reshaped. Rows
/// (or columns, whichever are fewer) are then orthonormal: WᵀW = gain²·I for a tall W.
/// Keras <c>keras.initializers.Orthogonal(gain=1.0, seed=None)</c> (<c>"orthogonal"</c>). Saxe et al., "Exact
/// solutions to the nonlinear dynamics of learning in deep linear neural networks", ICLR 2014.
/// </summary>
public sealed class Orthogonal : Initializer
{
    /// <summary>Creates the initializer with a finite gain.</summary>
    public Orthogonal(double gain = 1.0, int? seed = null)
    {
        Check.Finite(gain, "gain");
        Gain = gain;
        Seed = seed;
    }

    /// <summary>Multiplier of the orthogonal matrix (Keras <c>gain</c>).</summary>
    public double Gain { get; }

    public int? Seed { get; }

    public override Tensor Create(Shape shape, DType dtype, Random rng)
    {
        if (shape.Rank < 2)
            throw new ArgumentException($"The tensor to initialize must be at least two-dimensional. Received: shape={shape} of rank {shape.Rank}.");
        int cols = shape[-1], rows = shape.Size / Math.Max(cols, 1);
        int m = Math.Max(rows, cols), n = Math.Min(rows, cols);
        var r = Sampling.Source(Seed, rng);
        var a = new double[m * n];
        for (int i = 0; i < a.Length; i++) a[i] = Sampling.Normal(r);
        var q = OrthonormalColumns(a, m, n);
        var values = new double[shape.Size];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                // q is (m, n); the weight is (rows, cols): q itself when rows ≥ cols, else qᵀ
                int dst = rows >= cols ? i * cols + j : j * cols + i;
                values[dst] = Gain * q[i * n + j];
            }
        var t = Tensor.FromArray(values, shape);
        return dtype == DType.Float64 ? t : t.Cast(dtype);
    }

    /// <summary>Q of the thin QR factorization of the row-major (m, n) matrix <paramref name="a"/> (m ≥ n, overwritten)
    /// by Householder reflections, with each column's sign set so that diag R &gt; 0.</summary>
    internal static double[] OrthonormalColumns(double[] a, int m, int n)
    {
        var vs = new double[n][];
        var signs = new double[n];
        for (int k = 0; k < n; k++)
        {
            double norm = 0;
            for (int i = k; i < m; i++) norm += a[i * n + k] * a[i * n + k];
            norm = Math.Sqrt(norm);
            // reflect x onto −sign(x₀)·‖x‖·e₁: choosing the sign opposite to x₀ avoids cancellation in v = x − αe₁
            double alpha = a[k * n + k] >= 0 ? -norm : norm;
            var v = new double[m - k];
            for (int i = k; i < m; i++) v[i - k] = a[i * n + k];
            v[0] -= alpha;
            double vnorm = 0;
            foreach (var e in v) vnorm += e * e;
            vnorm = Math.Sqrt(vnorm);
            if (vnorm > 0) for (int i = 0; i < v.Length; i++) v[i] /= vnorm;
            vs[k] = v;
            signs[k] = alpha < 0 ? -1 : 1;    // R[k,k] = α; a zero column (probability 0) keeps sign +1
            for (int j = k; j < n; j++)
            {
                double dot = 0;
                for (int i = k; i < m; i++) dot += v[i - k] * a[i * n + j];
                for (int i = k; i < m; i++) a[i * n + j] -= 2 * dot * v[i - k];
            }
        }
        // Q = H₀H₁…Hₙ₋₁ applied to the first n columns of the identity, last reflection first
        var q = new double[m * n];
        for (int j = 0; j < n; j++) q[j * n + j] = 1;
        for (int k = n - 1; k >= 0; k--)
        {
            var v = vs[k];
            for (int j = 0; j < n; j++)
            {
                double dot = 0;
                for (int i = k; i < m; i++) dot += v[i - k] * q[i * n + j];
                for (int i = k; i < m; i++) q[i * n + j] -= 2 * dot * v[i - k];
            }
        }
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) q[i * n + j] *= signs[j];
        return q;
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() =>
        new Dictionary<string, object?> { ["gain"] = Gain, ["seed"] = Seed };
}
