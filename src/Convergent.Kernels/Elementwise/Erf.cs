using System.Numerics;
using System.Runtime.CompilerServices;
using static Convergent.Kernels.ElementwiseMath;

namespace Convergent.Kernels;

/// <summary>
/// The error function erf(x) = 2/√π ∫₀ˣ e^(−t²) dt and its complement erfc(x) = 1 − erf(x), to about 1e−16
/// relative in double (.NET has no Math.Erf). Keras equivalent: <c>keras.ops.erf</c>; the exact GELU uses it.
/// </summary>
/// <remarks>
/// W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969) 631–637, with the
/// coefficient sets of his SPECFUN routine CALERF (netlib.org/specfun/erf):
/// |x| ≤ 0.46875: erf(x) = x·A(x²)/B(x²);
/// 0.46875 &lt; |x| ≤ 4: erfc(|x|) = e^(−x²)·C(|x|)/D(|x|);
/// |x| &gt; 4: erfc(|x|) = e^(−x²)/|x|·(1/√π − x⁻²·P(x⁻²)/Q(x⁻²)).
/// e^(−x²) is formed as e^(−s²)·e^(−(x−s)(x+s)) with s = ⌊16x⌋/16, as Cody does: s² is exact, so the rounding of x²
/// (relative error ε·x², large for x near 4…27) never reaches the exponent. Abramowitz–Stegun 7.1.26 (error 1.5e−7)
/// would be too coarse for gradient checks in double.
/// </remarks>
public static class Erf
{
    private const double Threshold = 0.46875;
    private const double RatioSwitch = 4.0;
    // Beyond 27, erfc < 5e−319: a subnormal with a handful of significant bits, so 0 loses nothing useful, and the
    // cut keeps the e^(−s²) split away from ∞ − ∞ at infinity.
    private const double Underflow = 27.0;
    private const double OneOverSqrtPi = 0.56418958354775628695;
    private const double TwoOverSqrtPi = 1.12837916709551257390;

    // CALERF coefficients, at their published precision (the compiler rounds to the nearest double).
    private const double A0 = 3.16112374387056560e00, A1 = 1.13864154151050156e02, A2 = 3.77485237685302021e02,
        A3 = 3.20937758913846947e03, A4 = 1.85777706184603153e-1;
    private const double B0 = 2.36012909523441209e01, B1 = 2.44024637934444173e02, B2 = 1.28261652607737228e03,
        B3 = 2.84423683343917062e03;
    private const double C0 = 5.64188496988670089e-1, C1 = 8.88314979438837594e00, C2 = 6.61191906371416295e01,
        C3 = 2.98635138197400131e02, C4 = 8.81952221241769090e02, C5 = 1.71204761263407058e03,
        C6 = 2.05107837782607147e03, C7 = 1.23033935479799725e03, C8 = 2.15311535474403846e-8;
    private const double D0 = 1.57449261107098347e01, D1 = 1.17693950891312499e02, D2 = 5.37181101862009858e02,
        D3 = 1.62138957456669019e03, D4 = 3.29079923573345963e03, D5 = 4.36261909014324716e03,
        D6 = 3.43936767414372164e03, D7 = 1.23033935480374942e03;
    private const double P0 = 3.05326634961232344e-1, P1 = 3.60344899949804439e-1, P2 = 1.25781726111229246e-1,
        P3 = 1.60837851487422766e-2, P4 = 6.58749161529837803e-4, P5 = 1.63153871373020978e-2;
    private const double Q0 = 2.56852019228982242e00, Q1 = 1.87295284992346047e00, Q2 = 5.27905102951428412e-1,
        Q3 = 6.05183413124413191e-2, Q4 = 2.33520497626869185e-3;

    /// <summary>erf(x) for one value.</summary>
    public static T Evaluate<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T y = T.Abs(x);
        if (y <= T.CreateTruncating(Threshold))
            return x * SmallRatio(y * y);
        return T.CopySign(T.One - LargeComplement(y), x);
    }

    /// <summary>erfc(x) = 1 − erf(x) for one value, without the cancellation of forming 1 − erf(x) for large x.</summary>
    public static T EvaluateComplement<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T y = T.Abs(x);
        if (y <= T.CreateTruncating(Threshold))
            return T.One - x * SmallRatio(y * y);
        T e = LargeComplement(y);
        return x < T.Zero ? T.CreateTruncating(2.0) - e : e;
    }

    /// <summary>y = erf(x), elementwise; y is overwritten.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        ElementwiseDriver.Map(x, y, new ErfOperator<T>());

    /// <summary>dx += 2/√π·e^(−x²)·dy, elementwise (y is not read).</summary>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ElementwiseDriver.RequireSameLength(x.Length, y.Length, nameof(y));
        ElementwiseDriver.Accumulate(x, x, dy, dx, new ErfGradient<T>());
    }

    /// <summary>erf(x) lane by lane; agrees with <see cref="Evaluate{T}(T)"/> up to the rounding of the vector exp.</summary>
    internal static Vector<T> Evaluate<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> y = Vector.Abs(x);
        Vector<T> small = x * SmallRatio(y * y);
        Vector<T> isSmall = Vector.LessThanOrEqual(y, Splat<T>(Threshold));
        if (Vector.EqualsAll(isSmall, Vector<T>.AllBitsSet))
            return small;
        Vector<T> large = Vector.CopySign(Vector<T>.One - LargeComplement(y), x);
        return Vector.ConditionalSelect(isSmall, small, large);
    }

    /// <summary>erfc(x) lane by lane.</summary>
    internal static Vector<T> EvaluateComplement<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> y = Vector.Abs(x);
        Vector<T> small = Vector<T>.One - x * SmallRatio(y * y);
        Vector<T> isSmall = Vector.LessThanOrEqual(y, Splat<T>(Threshold));
        if (Vector.EqualsAll(isSmall, Vector<T>.AllBitsSet))
            return small;
        Vector<T> e = LargeComplement(y);
        Vector<T> large = Vector.ConditionalSelect(Vector.LessThan(x, Vector<T>.Zero), Splat<T>(2.0) - e, e);
        return Vector.ConditionalSelect(isSmall, small, large);
    }

    /// <summary>A(t)/B(t) with t = x², so that erf(x) = x·A/B on |x| ≤ 0.46875.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T SmallRatio<T>(T t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T num = ((((C<T>(A4) * t + C<T>(A0)) * t + C<T>(A1)) * t + C<T>(A2)) * t) + C<T>(A3);
        T den = ((((t + C<T>(B0)) * t + C<T>(B1)) * t + C<T>(B2)) * t) + C<T>(B3);
        return num / den;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> SmallRatio<T>(Vector<T> t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> num = ((((Splat<T>(A4) * t + Splat<T>(A0)) * t + Splat<T>(A1)) * t + Splat<T>(A2)) * t) + Splat<T>(A3);
        Vector<T> den = ((((t + Splat<T>(B0)) * t + Splat<T>(B1)) * t + Splat<T>(B2)) * t) + Splat<T>(B3);
        return num / den;
    }

    /// <summary>erfc(y) for y &gt; 0.46875 (or NaN).</summary>
    private static T LargeComplement<T>(T y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (y > T.CreateTruncating(Underflow))
            return T.Zero;
        T ratio = y <= T.CreateTruncating(RatioSwitch) ? MiddleRatio(y) : TailRatio(y);
        T s = T.Floor(y * C<T>(16.0)) / C<T>(16.0);
        return T.Exp(-s * s) * T.Exp(-(y - s) * (y + s)) * ratio;
    }

    private static Vector<T> LargeComplement<T>(Vector<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> ratio = MiddleRatio(y);
        Vector<T> beyondMiddle = Vector.GreaterThan(y, Splat<T>(RatioSwitch));
        // The tail ratio is needed only for |x| > 4, rare in activations; skip it when no lane asks.
        if (!Vector.EqualsAll(beyondMiddle, Vector<T>.Zero))
            ratio = Vector.ConditionalSelect(beyondMiddle, TailRatio(y), ratio);
        Vector<T> s = Floor(y * Splat<T>(16.0)) / Splat<T>(16.0);
        Vector<T> e = Exp(-s * s) * Exp(-(y - s) * (y + s)) * ratio;
        return Vector.ConditionalSelect(Vector.GreaterThan(y, Splat<T>(Underflow)), Vector<T>.Zero, e);
    }

    /// <summary>C(y)/D(y) = e^(y²)·erfc(y) on 0.46875 &lt; y ≤ 4.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T MiddleRatio<T>(T y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T num = C<T>(C8) * y + C<T>(C0);
        num = num * y + C<T>(C1);
        num = num * y + C<T>(C2);
        num = num * y + C<T>(C3);
        num = num * y + C<T>(C4);
        num = num * y + C<T>(C5);
        num = num * y + C<T>(C6);
        num = num * y + C<T>(C7);
        T den = y + C<T>(D0);
        den = den * y + C<T>(D1);
        den = den * y + C<T>(D2);
        den = den * y + C<T>(D3);
        den = den * y + C<T>(D4);
        den = den * y + C<T>(D5);
        den = den * y + C<T>(D6);
        den = den * y + C<T>(D7);
        return num / den;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> MiddleRatio<T>(Vector<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> num = Splat<T>(C8) * y + Splat<T>(C0);
        num = num * y + Splat<T>(C1);
        num = num * y + Splat<T>(C2);
        num = num * y + Splat<T>(C3);
        num = num * y + Splat<T>(C4);
        num = num * y + Splat<T>(C5);
        num = num * y + Splat<T>(C6);
        num = num * y + Splat<T>(C7);
        Vector<T> den = y + Splat<T>(D0);
        den = den * y + Splat<T>(D1);
        den = den * y + Splat<T>(D2);
        den = den * y + Splat<T>(D3);
        den = den * y + Splat<T>(D4);
        den = den * y + Splat<T>(D5);
        den = den * y + Splat<T>(D6);
        den = den * y + Splat<T>(D7);
        return num / den;
    }

    /// <summary>(1/√π − t·P(t)/Q(t))/y with t = 1/y² = e^(y²)·erfc(y) for y &gt; 4.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T TailRatio<T>(T y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T t = T.One / (y * y);
        T num = ((((C<T>(P5) * t + C<T>(P0)) * t + C<T>(P1)) * t + C<T>(P2)) * t + C<T>(P3)) * t + C<T>(P4);
        T den = ((((t + C<T>(Q0)) * t + C<T>(Q1)) * t + C<T>(Q2)) * t + C<T>(Q3)) * t + C<T>(Q4);
        return (C<T>(OneOverSqrtPi) - t * num / den) / y;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> TailRatio<T>(Vector<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> t = Vector<T>.One / (y * y);
        Vector<T> num = ((((Splat<T>(P5) * t + Splat<T>(P0)) * t + Splat<T>(P1)) * t + Splat<T>(P2)) * t + Splat<T>(P3)) * t + Splat<T>(P4);
        Vector<T> den = ((((t + Splat<T>(Q0)) * t + Splat<T>(Q1)) * t + Splat<T>(Q2)) * t + Splat<T>(Q3)) * t + Splat<T>(Q4);
        return (Splat<T>(OneOverSqrtPi) - t * num / den) / y;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T C<T>(double value) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateTruncating(value);

    private readonly struct ErfOperator<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T x) => Evaluate(x);

        public Vector<T> Invoke(Vector<T> x) => Evaluate(x);
    }

    private readonly struct ErfGradient<T> : IGradientOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T Invoke(T x, T y, T dy) => C<T>(TwoOverSqrtPi) * T.Exp(-x * x) * dy;

        public Vector<T> Invoke(Vector<T> x, Vector<T> y, Vector<T> dy) => Splat<T>(TwoOverSqrtPi) * Exp(-x * x) * dy;
    }
}
