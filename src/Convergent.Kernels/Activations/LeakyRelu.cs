using System.Numerics;
using System.Numerics.Tensors;

namespace Convergent.Kernels;

// Shapes: x, y, dy, dx are flat spans of the same length n — any tensor, read elementwise. x is the input, y the
// forward output f(x), dy the gradient of the loss with respect to y, dx the gradient with respect to x.

/// <summary>
/// Leaky ReLU: y = x for x &gt; 0, negativeSlope·x otherwise. Keras: <c>keras.activations.leaky_relu(x,
/// negative_slope)</c> (default 0.2) and the <c>LeakyReLU</c> layer (Keras 3 <c>negative_slope=0.3</c>, Keras 2
/// <c>alpha=0.3</c>); the caller passes the slope.
/// </summary>
public static class LeakyRelu
{
    /// <summary>The slope of <c>keras.activations.leaky_relu</c> in Keras 3.</summary>
    public const double DefaultNegativeSlope = 0.2;

    /// <summary>y = x &gt; 0 ? x : negativeSlope·x; y is overwritten.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, T negativeSlope) where T : unmanaged, IFloatingPointIeee754<T> =>
        ElementwiseDriver.Map(x, y, new Operator<T>(negativeSlope));

    /// <summary>dx += (x &gt; 0 ? 1 : negativeSlope)·dy; at exactly 0 the slope side, as TensorFlow's LeakyReluGrad.</summary>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, T negativeSlope)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ElementwiseDriver.RequireSameLength(x.Length, y.Length, nameof(y));
        ElementwiseDriver.Accumulate(x, x, dy, dx, new Operator<T>(negativeSlope));
    }

    private readonly struct Operator<T>(T slope) : IUnaryOperator<T>, IGradientOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T x) => x > T.Zero ? x : slope * x;

        public Vector<T> Invoke(Vector<T> x) => Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), x, Vector.Create(slope) * x);

        public T Invoke(T x, T y, T dy) => x > T.Zero ? dy : slope * dy;

        public Vector<T> Invoke(Vector<T> x, Vector<T> y, Vector<T> dy) =>
            Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), dy, Vector.Create(slope) * dy);
    }
}
