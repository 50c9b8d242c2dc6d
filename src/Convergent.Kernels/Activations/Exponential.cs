using System.Numerics;
using System.Numerics.Tensors;

namespace Convergent.Kernels;

// Shapes: x, y, dy, dx are flat spans of the same length n — any tensor, read elementwise. x is the input, y the
// forward output f(x), dy the gradient of the loss with respect to y, dx the gradient with respect to x.

/// <summary>Exponential activation: y = eˣ. Keras: <c>keras.activations.exponential</c> (<c>"exponential"</c>).</summary>
public static class Exponential
{
    /// <summary>y = eˣ (TensorPrimitives.Exp); y is overwritten.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ElementwiseDriver.RequireSameLength(x.Length, y.Length, nameof(y));
        TensorPrimitives.Exp(x, y);
    }

    /// <summary>dx += y·dy, reading y = eˣ.</summary>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ElementwiseDriver.RequireSameLength(y.Length, x.Length, nameof(x));
        ElementwiseDriver.Accumulate(y, y, dy, dx, new Gradient<T>());
    }

    private readonly struct Gradient<T> : IGradientOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T x, T y, T dy) => y * dy;

        public Vector<T> Invoke(Vector<T> x, Vector<T> y, Vector<T> dy) => y * dy;
    }
}
