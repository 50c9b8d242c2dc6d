using System.Numerics;

namespace Convergent.Kernels;

// Shapes: x, y, dy, dx are flat spans of the same length n — any tensor, read elementwise. x is the input, y the
// forward output f(x), dy the gradient of the loss with respect to y, dx the gradient with respect to x.

/// <summary>
/// Piecewise-linear sigmoid. Keras 3: y = relu6(x + 3)/6 = clip(x/6 + ½, 0, 1) (<c>keras.activations.hard_sigmoid</c>,
/// <c>"hard_sigmoid"</c>); Keras 2 (<c>keras2: true</c>): y = clip(0.2x + ½, 0, 1).
/// </summary>
public static class HardSigmoid
{
    /// <summary>y = min(max(x + 3, 0), 6)/6, or with <paramref name="keras2"/> min(max(0.2x + 0.5, 0), 1); y is overwritten.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, bool keras2 = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (keras2)
            ElementwiseDriver.Map(x, y, new Keras2Form<T>());
        else
            ElementwiseDriver.Map(x, y, new Keras3Form<T>());
    }

    /// <summary>dx += slope·dy strictly inside the linear piece (slope 1/6, or 0.2 for Keras 2), 0 outside and at the
    /// two kinks (TensorFlow's Relu6Grad is strict at both ends).</summary>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, bool keras2 = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ElementwiseDriver.RequireSameLength(x.Length, y.Length, nameof(y));
        if (keras2)
            ElementwiseDriver.Accumulate(x, x, dy, dx, new Keras2Form<T>());
        else
            ElementwiseDriver.Accumulate(x, x, dy, dx, new Keras3Form<T>());
    }

    private readonly struct Keras3Form<T> : IUnaryOperator<T>, IGradientOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private static T Three => T.CreateTruncating(3);

        private static T Six => T.CreateTruncating(6);

        public T Invoke(T x) => T.Clamp(x + Three, T.Zero, Six) / Six;

        public Vector<T> Invoke(Vector<T> x) =>
            Vector.Clamp(x + Vector.Create(Three), Vector<T>.Zero, Vector.Create(Six)) / Vector.Create(Six);

        public T Invoke(T x, T y, T dy) => x > -Three && x < Three ? dy / Six : T.Zero;

        public Vector<T> Invoke(Vector<T> x, Vector<T> y, Vector<T> dy) =>
            Vector.GreaterThan(x, Vector.Create(-Three)) & Vector.LessThan(x, Vector.Create(Three)) & (dy / Vector.Create(Six));
    }

    private readonly struct Keras2Form<T> : IUnaryOperator<T>, IGradientOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private static T Slope => T.CreateTruncating(0.2);

        private static T Half => T.CreateTruncating(0.5);

        private static T Edge => T.CreateTruncating(2.5);

        public T Invoke(T x) => T.Clamp(Slope * x + Half, T.Zero, T.One);

        public Vector<T> Invoke(Vector<T> x) => Vector.Clamp(Vector.Create(Slope) * x + Vector.Create(Half), Vector<T>.Zero, Vector<T>.One);

        public T Invoke(T x, T y, T dy) => x > -Edge && x < Edge ? Slope * dy : T.Zero;

        public Vector<T> Invoke(Vector<T> x, Vector<T> y, Vector<T> dy) =>
            Vector.GreaterThan(x, Vector.Create(-Edge)) & Vector.LessThan(x, Vector.Create(Edge)) & (Vector.Create(Slope) * dy);
    }
}
