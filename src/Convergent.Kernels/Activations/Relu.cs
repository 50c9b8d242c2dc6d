using System.Numerics;
using System.Numerics.Tensors;

namespace Convergent.Kernels;

// Shapes: x, y, dy, dx are flat spans of the same length n — any tensor, read elementwise. x is the input, y the
// forward output f(x), dy the gradient of the loss with respect to y, dx the gradient with respect to x.

/// <summary>
/// Rectified linear unit: y = max(x, 0). Keras: <c>keras.activations.relu</c> (<c>"relu"</c>) with its defaults.
/// </summary>
public static class Relu
{
    /// <summary>y = max(x, 0); y is overwritten. NaN stays NaN.</summary>
    public static unsafe void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ElementwiseDriver.RequireSameLength(x.Length, y.Length, nameof(y));
        if (x.Length < ParallelChunks.MinParallelWork)
        {
            TensorPrimitives.Max(x, T.Zero, y);
            return;
        }
        fixed (T* px = x)
        fixed (T* py = y)
            ParallelChunks.Elementwise(x.Length, new ForwardChunk<T> { X = px, Y = py });
    }

    private unsafe struct ForwardChunk<T> : IChunk where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T* X, Y;

        public readonly void Run(int start, int count) =>
            TensorPrimitives.Max(new ReadOnlySpan<T>(X + start, count), T.Zero, new Span<T>(Y + start, count));
    }

    /// <summary>dx += (x &gt; 0 ? 1 : 0)·dy. The derivative at exactly 0 is 0, as TensorFlow's ReluGrad.</summary>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ElementwiseDriver.RequireSameLength(x.Length, y.Length, nameof(y));
        ElementwiseDriver.Accumulate(x, x, dy, dx, new Gradient<T>());
    }

    private readonly struct Gradient<T> : IGradientOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T x, T y, T dy) => x > T.Zero ? dy : T.Zero;

        public Vector<T> Invoke(Vector<T> x, Vector<T> y, Vector<T> dy) => Vector.GreaterThan(x, Vector<T>.Zero) & dy;
    }
}
