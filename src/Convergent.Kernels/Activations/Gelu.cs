using System.Numerics;

namespace Convergent.Kernels;

// Shapes: x, y, dy, dx are flat spans of the same length n — any tensor, read elementwise. x is the input, y the
// forward output f(x), dy the gradient of the loss with respect to y, dx the gradient with respect to x.

/// <summary>
/// Gaussian error linear unit: exact y = x·Φ(x) = ½x(1 + erf(x/√2)), or with <c>approximate</c> the tanh form
/// y = ½x(1 + tanh(√(2/π)(x + 0.044715x³))). Keras: <c>keras.activations.gelu(x, approximate=False)</c>
/// (<c>"gelu"</c>). Hendrycks and Gimpel, "Gaussian error linear units (GELUs)", 2016.
/// </summary>
/// <remarks>
/// Φ(x) is evaluated as ½·erfc(−x/√2), which keeps full relative precision in the left tail where ½(1 + erf) would
/// cancel; the tanh form is evaluated as x·σ(2u), the same function (½(1 + tanh u) = σ(2u)) without the cancellation
/// of 1 + tanh u for u ≪ 0.
/// </remarks>
public static class Gelu
{
    private const double InverseSqrt2 = 0.70710678118654752440;
    private const double InverseSqrt2Pi = 0.39894228040143267794;
    private const double Sqrt2OverPi = 0.79788456080286535588;
    private const double Cubic = 0.044715;

    /// <summary>y = x·Φ(x) (exact) or x·σ(2√(2/π)(x + 0.044715x³)) (approximate); y is overwritten.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y, bool approximate = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (approximate)
            ElementwiseDriver.Map(x, y, new TanhForm<T>());
        else
            ElementwiseDriver.Map(x, y, new ErfForm<T>());
    }

    /// <summary>
    /// dx += f'(x)·dy with, exact, f'(x) = Φ(x) + x·φ(x), φ(x) = e^(−x²/2)/√(2π); approximate, with s = σ(2u):
    /// f'(x) = s + 2x·s(1 − s)·√(2/π)(1 + 3·0.044715x²), with 1 − s = σ(−2u) formed without cancellation. Reads x only.
    /// </summary>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, bool approximate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ElementwiseDriver.RequireSameLength(x.Length, y.Length, nameof(y));
        if (approximate)
            ElementwiseDriver.Accumulate(x, x, dy, dx, new TanhForm<T>());
        else
            ElementwiseDriver.Accumulate(x, x, dy, dx, new ErfForm<T>());
    }

    private static T C<T>(double value) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateTruncating(value);

    private static Vector<T> V<T>(double value) where T : unmanaged, IFloatingPointIeee754<T> => ElementwiseMath.Splat<T>(value);

    private readonly struct ErfForm<T> : IUnaryOperator<T>, IGradientOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private static T Cdf(T x) => C<T>(0.5) * Erf.EvaluateComplement(-x * C<T>(InverseSqrt2));

        private static Vector<T> Cdf(Vector<T> x) => V<T>(0.5) * Erf.EvaluateComplement(-x * V<T>(InverseSqrt2));

        public T Invoke(T x) => x * Cdf(x);

        public Vector<T> Invoke(Vector<T> x) => x * Cdf(x);

        public T Invoke(T x, T y, T dy) =>
            (Cdf(x) + x * C<T>(InverseSqrt2Pi) * T.Exp(C<T>(-0.5) * x * x)) * dy;

        public Vector<T> Invoke(Vector<T> x, Vector<T> y, Vector<T> dy) =>
            (Cdf(x) + x * V<T>(InverseSqrt2Pi) * ElementwiseMath.Exp(V<T>(-0.5) * x * x)) * dy;
    }

    private readonly struct TanhForm<T> : IUnaryOperator<T>, IGradientOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        // 2u = 2·√(2/π)(x + 0.044715x³), the argument of σ.
        private static T TwoU(T x) => C<T>(2 * Sqrt2OverPi) * (x + C<T>(Cubic) * x * x * x);

        private static Vector<T> TwoU(Vector<T> x) => V<T>(2 * Sqrt2OverPi) * (x + V<T>(Cubic) * x * x * x);

        public T Invoke(T x) => x * ElementwiseMath.Sigmoid(TwoU(x));

        public Vector<T> Invoke(Vector<T> x) => x * ElementwiseMath.Sigmoid(TwoU(x));

        public T Invoke(T x, T y, T dy)
        {
            ElementwiseMath.SigmoidPair(TwoU(x), out T s, out T complement);
            T slope = C<T>(2 * Sqrt2OverPi) * (T.One + C<T>(3 * Cubic) * x * x);
            T gate = s * complement;
            // Once σ saturates, gate is 0 while x²·slope may have overflowed: 0·∞ must read as 0, not NaN.
            return (gate == T.Zero ? s : s + x * gate * slope) * dy;
        }

        public Vector<T> Invoke(Vector<T> x, Vector<T> y, Vector<T> dy)
        {
            ElementwiseMath.SigmoidPair(TwoU(x), out Vector<T> s, out Vector<T> complement);
            Vector<T> slope = V<T>(2 * Sqrt2OverPi) * (Vector<T>.One + V<T>(3 * Cubic) * x * x);
            Vector<T> gate = s * complement;
            Vector<T> derivative = Vector.ConditionalSelect(Vector.Equals(gate, Vector<T>.Zero), s, s + x * gate * slope);
            return derivative * dy;
        }
    }
}
