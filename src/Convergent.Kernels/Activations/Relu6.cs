using System.Numerics;
using System.Numerics.Tensors;

namespace Convergent.Kernels;

// Shapes: x, y, dy, dx are flat spans of the same length n — any tensor, read elementwise. x is the input, y the
// forward output f(x), dy the gradient of the loss with respect to y, dx the gradient with respect to x.

/// <summary>
/// ReLU capped at 6: y = min(max(x, 0), 6). Keras: <c>keras.activations.relu6</c> (<c>"relu6"</c>), MobileNet's
/// activation.
/// </summary>
public static class Relu6
{
    /// <summary>y = min(max(x, 0), 6); y is overwritten.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ElementwiseDriver.RequireSameLength(x.Length, y.Length, nameof(y));
        TensorPrimitives.Clamp(x, T.Zero, T.CreateTruncating(6), y);
    }

    /// <summary>dx += (0 &lt; x &lt; 6 ? 1 : 0)·dy; 0 at both kinks, as TensorFlow's Relu6Grad.</summary>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ElementwiseDriver.RequireSameLength(x.Length, y.Length, nameof(y));
        ElementwiseDriver.Accumulate(x, x, dy, dx, new Gradient<T>());
    }

    private readonly struct Gradient<T> : IGradientOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T x, T y, T dy) => x > T.Zero && x < T.CreateTruncating(6) ? dy : T.Zero;

        public Vector<T> Invoke(Vector<T> x, Vector<T> y, Vector<T> dy) =>
            Vector.GreaterThan(x, Vector<T>.Zero) & Vector.LessThan(x, Vector.Create(T.CreateTruncating(6))) & dy;
    }
}
