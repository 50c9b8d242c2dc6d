using System.Numerics;
using System.Numerics.Tensors;

namespace Convergent.Kernels;

// Shapes: x, y, dy, dx are row-major (rows, cols) buffers; softmax runs along each row (the last axis), so a tensor
// of shape (..., C) is rows = product of the leading dimensions, cols = C.

/// <summary>
/// Softmax over the last axis: y[r, c] = e^(x[r, c] − m_r) / Σ_c′ e^(x[r, c′] − m_r) with m_r = max_c x[r, c].
/// Keras: <c>keras.activations.softmax(x, axis=-1)</c> (<c>"softmax"</c>) and the <c>Softmax</c> layer.
/// </summary>
/// <remarks>
/// Subtracting the row maximum makes every exponent ≤ 0, so nothing overflows and the largest term is exactly 1:
/// one huge logit gives a one-hot row, not NaN. A row of −∞ only, or holding +∞ or NaN, gives NaN, as in TensorFlow.
/// </remarks>
public static class Softmax
{
    /// <summary>y = softmax(x) row by row; y is overwritten and may be x itself.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, int rows, int cols) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RowGuard.Require(rows, cols, x.Length, nameof(x), y.Length, nameof(y));
        if (cols == 0)
            return;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> xr = x.Slice(r * cols, cols);
            Span<T> yr = y.Slice(r * cols, cols);
            T max = TensorPrimitives.Max(xr);
            TensorPrimitives.Subtract(xr, max, yr);
            TensorPrimitives.Exp(yr, yr);
            TensorPrimitives.Divide(yr, TensorPrimitives.Sum<T>(yr), yr);
        }
    }

    /// <summary>dx += y ⊙ (dy − ⟨dy, y⟩) row by row, from the forward output y.</summary>
    public static void Backward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int rows, int cols)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RowGuard.Require(rows, cols, y.Length, nameof(y), dy.Length, nameof(dy));
        ElementwiseDriver.RequireSameLength(y.Length, dx.Length, nameof(dx));
        if (cols == 0)
            return;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> yr = y.Slice(r * cols, cols);
            ReadOnlySpan<T> dyr = dy.Slice(r * cols, cols);
            T dot = TensorPrimitives.Dot(dyr, yr);
            ElementwiseDriver.Accumulate(yr, yr, dyr, dx.Slice(r * cols, cols), new Gradient<T>(dot));
        }
    }

    private readonly struct Gradient<T>(T dot) : IGradientOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T x, T y, T dy) => y * (dy - dot);

        public Vector<T> Invoke(Vector<T> x, Vector<T> y, Vector<T> dy) => y * (dy - Vector.Create(dot));
    }
}
