using System.Numerics;
using System.Numerics.Tensors;

namespace Convergent.Kernels;

// Shapes: x, y, dy, dx are flat spans of the same length n — any tensor, read elementwise. x is the input, y the
// forward output f(x), dy the gradient of the loss with respect to y, dx the gradient with respect to x.

/// <summary>
/// Scaled exponential linear unit: y = λ·x for x &gt; 0, λ·α·(eˣ − 1) otherwise, with Keras's α = 1.67326324…,
/// λ = 1.05070098…. Keras: <c>keras.activations.selu</c> (<c>"selu"</c>). Klambauer et al., "Self-normalizing
/// neural networks", 2017.
/// </summary>
public static class Selu
{
    /// <summary>α of the paper (and of Keras), to double precision.</summary>
    public const double Alpha = 1.6732632423543772848170429916717;

    /// <summary>λ (Keras <c>scale</c>), to double precision.</summary>
    public const double Scale = 1.0507009873554804934193349852946;

    /// <summary>y = λ·(x &gt; 0 ? x : α·expm1(x)); y is overwritten.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        ElementwiseDriver.Map(x, y, new Operator<T>());

    /// <summary>dx += (x &gt; 0 ? λ : y + λα)·dy, reading y = λα(eˣ − 1).</summary>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ElementwiseDriver.Accumulate(x, y, dy, dx, new Operator<T>());

    private readonly struct Operator<T> : IUnaryOperator<T>, IGradientOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private static T Lambda => T.CreateTruncating(Scale);

        private static T LambdaAlpha => T.CreateTruncating(Scale * Alpha);

        public T Invoke(T x) => x > T.Zero ? Lambda * x : LambdaAlpha * ElementwiseMath.ExpM1(x);

        public Vector<T> Invoke(Vector<T> x) =>
            Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), Vector.Create(Lambda) * x,
                Vector.Create(LambdaAlpha) * ElementwiseMath.ExpM1(x));

        public T Invoke(T x, T y, T dy) => x > T.Zero ? Lambda * dy : (y + LambdaAlpha) * dy;

        public Vector<T> Invoke(Vector<T> x, Vector<T> y, Vector<T> dy) =>
            Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<T>.Zero), Vector.Create(Lambda) * dy,
                (y + Vector.Create(LambdaAlpha)) * dy);
    }
}
