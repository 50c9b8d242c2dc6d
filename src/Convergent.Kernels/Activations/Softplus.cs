using System.Numerics;

namespace Convergent.Kernels;

// Shapes: x, y, dy, dx are flat spans of the same length n — any tensor, read elementwise. x is the input, y the
// forward output f(x), dy the gradient of the loss with respect to y, dx the gradient with respect to x.

/// <summary>
/// Softplus: y = log(1 + eˣ), evaluated as log1p(e^−|x|) + max(x, 0). Keras: <c>keras.activations.softplus</c>
/// (<c>"softplus"</c>).
/// </summary>
/// <remarks>
/// The rewrite never exponentiates a positive number (log(1 + eˣ) overflows for x &gt; 88 in float) and keeps the
/// left tail exact: softplus(−50) = 1.9e−22, not the 0 that log(1 + e⁻⁵⁰) rounds to.
/// </remarks>
public static class Softplus
{
    /// <summary>y = log1p(e^−|x|) + max(x, 0); y is overwritten.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        ElementwiseDriver.Map(x, y, new Operator<T>());

    /// <summary>dx += σ(x)·dy, with σ evaluated without overflow for either sign of x. Reads x only.</summary>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ElementwiseDriver.RequireSameLength(x.Length, y.Length, nameof(y));
        ElementwiseDriver.Accumulate(x, x, dy, dx, new Operator<T>());
    }

    private readonly struct Operator<T> : IUnaryOperator<T>, IGradientOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T x) => ElementwiseMath.Log1PNonNegative(T.Exp(-T.Abs(x))) + T.Max(x, T.Zero);

        public Vector<T> Invoke(Vector<T> x) =>
            ElementwiseMath.Log1PNonNegative(ElementwiseMath.Exp(-Vector.Abs(x))) + Vector.Max(x, Vector<T>.Zero);

        public T Invoke(T x, T y, T dy) => ElementwiseMath.Sigmoid(x) * dy;

        public Vector<T> Invoke(Vector<T> x, Vector<T> y, Vector<T> dy) => ElementwiseMath.Sigmoid(x) * dy;
    }
}
