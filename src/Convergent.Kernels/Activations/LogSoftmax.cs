using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Convergent.Kernels;

// Shapes: x, y, dy, dx are row-major (rows, cols) buffers; the reduction runs along each row (the last axis).

/// <summary>
/// Log-softmax over the last axis: y[r, c] = (x[r, c] − m_r) − log Σ_c′ e^(x[r, c′] − m_r), m_r = max_c x[r, c].
/// Keras: <c>keras.activations.log_softmax(x, axis=-1)</c> (<c>"log_softmax"</c>).
/// </summary>
/// <remarks>
/// The shift by m_r is subtracted first and the log-sum second: for logits of size 1e6 in float, forming
/// m_r + log Σ first would round at the scale of m_r (an ulp of 0.06) and lose the small differences. Finite logits
/// give finite results however far apart they are: log_softmax([0, −1e4]) = [0, −1e4], never −∞.
/// </remarks>
public static class LogSoftmax
{
    /// <summary>y = log_softmax(x) row by row; y is overwritten and may be x itself.</summary>
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
            T logSum = T.Log(SumOfShiftedExp(xr, max));
            ElementwiseDriver.Map(xr, yr, new Shift<T>(max, logSum));
        }
    }

    /// <summary>dx += dy − e^y·Σ_c dy row by row (e^y is the softmax), from the forward output y.</summary>
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
            T sum = TensorPrimitives.Sum(dyr);
            ElementwiseDriver.Accumulate(yr, yr, dyr, dx.Slice(r * cols, cols), new Gradient<T>(sum));
        }
    }

    /// <summary>Σ e^(x − shift), without writing the exponentials anywhere (so y may alias x).</summary>
    private static T SumOfShiftedExp<T>(ReadOnlySpan<T> x, T shift) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        int i = 0;
        if (ElementwiseMath.IsVectorizable<T>() && x.Length >= Vector<T>.Count)
        {
            Vector<T> lanes = Vector<T>.Zero;
            Vector<T> shiftVector = Vector.Create(shift);
            ref T xr = ref MemoryMarshal.GetReference(x);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
                lanes += ElementwiseMath.Exp(Vector.LoadUnsafe(ref xr, (nuint)i) - shiftVector);
            sum = Vector.Sum(lanes);
        }
        for (; i < x.Length; i++)
            sum += T.Exp(x[i] - shift);
        return sum;
    }

    /// <summary>y = (x − max) − logSum: the shift first, so its result is exact when x is near the maximum.</summary>
    private readonly struct Shift<T>(T max, T logSum) : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T x) => (x - max) - logSum;

        public Vector<T> Invoke(Vector<T> x) => (x - Vector.Create(max)) - Vector.Create(logSum);
    }

    private readonly struct Gradient<T>(T sum) : IGradientOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T x, T y, T dy) => dy - T.Exp(y) * sum;

        public Vector<T> Invoke(Vector<T> x, Vector<T> y, Vector<T> dy) => dy - ElementwiseMath.Exp(y) * Vector.Create(sum);
    }
}
