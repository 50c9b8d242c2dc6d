using System.Numerics;
using System.Numerics.Tensors;

namespace Convergent.Kernels;

// Shapes: x, y, dy, dx are flat spans of the same length n — any tensor, read elementwise. x is the input, y the
// forward output f(x), dy the gradient of the loss with respect to y, dx the gradient with respect to x.

/// <summary>Hyperbolic tangent: y = tanh(x). Keras: <c>keras.activations.tanh</c> (<c>"tanh"</c>).</summary>
/// <remarks>
/// TensorPrimitives' float tanh is accurate to about an ulp of 1 in absolute terms, not relative to tiny results
/// (tanh(3.5e−4) comes out 8e−5 off relatively, 3e−8 absolutely) — harmless for an activation, and the derivative,
/// read from y as 1 − y², is unaffected.
/// </remarks>
public static class Tanh
{
    /// <summary>y = tanh(x) (TensorPrimitives.Tanh); y is overwritten.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ElementwiseDriver.RequireSameLength(x.Length, y.Length, nameof(y));
        TensorPrimitives.Tanh(x, y);
    }

    /// <summary>dx += (1 − y²)·dy, reading y (TensorFlow's TanhGrad).</summary>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ElementwiseDriver.RequireSameLength(y.Length, x.Length, nameof(x));
        ElementwiseDriver.Accumulate(y, y, dy, dx, new Gradient<T>());
    }

    private readonly struct Gradient<T> : IGradientOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T x, T y, T dy) => (T.One - y * y) * dy;

        public Vector<T> Invoke(Vector<T> x, Vector<T> y, Vector<T> dy) => (Vector<T>.One - y * y) * dy;
    }
}
