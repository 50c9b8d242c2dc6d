using System.Numerics;

namespace Convergent.Kernels;

// Shapes: x, y, dy, dx are flat spans of the same length n — any tensor, read elementwise. x is the input, y the
// forward output f(x), dy the gradient of the loss with respect to y, dx the gradient with respect to x.

/// <summary>Softsign: y = x/(1 + |x|). Keras: <c>keras.activations.softsign</c> (<c>"softsign"</c>).</summary>
public static class Softsign
{
    /// <summary>y = x/(1 + |x|); y is overwritten.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        ElementwiseDriver.Map(x, y, new Operator<T>());

    /// <summary>dx += dy/(1 + |x|)². Reads x only.</summary>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ElementwiseDriver.RequireSameLength(x.Length, y.Length, nameof(y));
        ElementwiseDriver.Accumulate(x, x, dy, dx, new Operator<T>());
    }

    private readonly struct Operator<T> : IUnaryOperator<T>, IGradientOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T x) => x / (T.One + T.Abs(x));

        public Vector<T> Invoke(Vector<T> x) => x / (Vector<T>.One + Vector.Abs(x));

        public T Invoke(T x, T y, T dy)
        {
            T d = T.One + T.Abs(x);
            return dy / (d * d);
        }

        public Vector<T> Invoke(Vector<T> x, Vector<T> y, Vector<T> dy)
        {
            Vector<T> d = Vector<T>.One + Vector.Abs(x);
            return dy / (d * d);
        }
    }
}
