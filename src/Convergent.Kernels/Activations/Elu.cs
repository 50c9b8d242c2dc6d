using System.Numerics;
using System.Numerics.Tensors;

namespace Convergent.Kernels;

// Shapes: x, y, dy, dx are flat spans of the same length n — any tensor, read elementwise. x is the input, y the
// forward output f(x), dy the gradient of the loss with respect to y, dx the gradient with respect to x.

/// <summary>
/// Exponential linear unit: y = x for x &gt; 0, α·(eˣ − 1) otherwise. Keras: <c>keras.activations.elu(x, alpha=1.0)</c>
/// (<c>"elu"</c>). Clevert et al., "Fast and accurate deep network learning by exponential linear units", 2016.
/// </summary>
public static class Elu
{
    /// <summary>y = x &gt; 0 ? x : α·expm1(x); y is overwritten.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, T alpha) where T : unmanaged, IFloatingPointIeee754<T> =>
        ElementwiseDriver.Map(x, y, new Operator<T>(alpha));

    /// <summary>dx += (x &gt; 0 ? 1 : y + α)·dy, reading y = α(eˣ − 1) so no exponential is recomputed.</summary>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, T alpha)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ElementwiseDriver.Accumulate(x, y, dy, dx, new Operator<T>(alpha));

    private readonly struct Operator<T>(T alpha) : IUnaryOperator<T>, IGradientOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T x) => x > T.Zero ? x : alpha * ElementwiseMath.ExpM1(x);

        public Vector<T> Invoke(Vector<T> x) =>
            Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), x, Vector.Create(alpha) * ElementwiseMath.ExpM1(x));

        public T Invoke(T x, T y, T dy) => x > T.Zero ? dy : (y + alpha) * dy;

        public Vector<T> Invoke(Vector<T> x, Vector<T> y, Vector<T> dy) =>
            Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), dy, (y + Vector.Create(alpha)) * dy);
    }
}
