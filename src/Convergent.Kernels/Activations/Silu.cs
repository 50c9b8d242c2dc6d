using System.Numerics;

namespace Convergent.Kernels;

// Shapes: x, y, dy, dx are flat spans of the same length n — any tensor, read elementwise. x is the input, y the
// forward output f(x), dy the gradient of the loss with respect to y, dx the gradient with respect to x.

/// <summary>
/// Sigmoid linear unit (swish): y = x·σ(x). Keras: <c>keras.activations.silu</c> (<c>"silu"</c>, alias
/// <c>"swish"</c>). Ramachandran et al., "Searching for activation functions", 2017.
/// </summary>
public static class Silu
{
    /// <summary>y = x·σ(x); y is overwritten.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        ElementwiseDriver.Map(x, y, new Operator<T>());

    /// <summary>dx += σ(x)·(1 + x(1 − σ(x)))·dy. Reads x only.</summary>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ElementwiseDriver.RequireSameLength(x.Length, y.Length, nameof(y));
        ElementwiseDriver.Accumulate(x, x, dy, dx, new Operator<T>());
    }

    private readonly struct Operator<T> : IUnaryOperator<T>, IGradientOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T x) => x * ElementwiseMath.Sigmoid(x);

        public Vector<T> Invoke(Vector<T> x) => x * ElementwiseMath.Sigmoid(x);

        public T Invoke(T x, T y, T dy)
        {
            ElementwiseMath.SigmoidPair(x, out T s, out T complement);
            return s * (T.One + x * complement) * dy;
        }

        public Vector<T> Invoke(Vector<T> x, Vector<T> y, Vector<T> dy)
        {
            ElementwiseMath.SigmoidPair(x, out Vector<T> s, out Vector<T> complement);
            return s * (Vector<T>.One + x * complement) * dy;
        }
    }
}
