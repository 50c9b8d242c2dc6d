using System.Numerics;
using System.Runtime.CompilerServices;

namespace Convergent.Kernels;

/// <summary>
/// Vector math the generic <see cref="Vector{T}"/> API lacks (exp, log, floor exist only for float and double
/// vectors), plus the numerically careful compositions several kernels share, each with its scalar twin.
/// </summary>
internal static class ElementwiseMath
{
    /// <summary>True when the vector paths run for <typeparamref name="T"/>: hardware vectors of float or double.</summary>
    /// <remarks>Other IEEE types (Half, NFloat) take the scalar path; the JIT folds this to a constant per T.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsVectorizable<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        Vector.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Exp<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
            return Unsafe.BitCast<Vector<float>, Vector<T>>(Vector.Exp(Unsafe.BitCast<Vector<T>, Vector<float>>(x)));
        if (typeof(T) == typeof(double))
            return Unsafe.BitCast<Vector<double>, Vector<T>>(Vector.Exp(Unsafe.BitCast<Vector<T>, Vector<double>>(x)));
        throw new NotSupportedException($"No vector exp for {typeof(T)}.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Log<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
            return Unsafe.BitCast<Vector<float>, Vector<T>>(Vector.Log(Unsafe.BitCast<Vector<T>, Vector<float>>(x)));
        if (typeof(T) == typeof(double))
            return Unsafe.BitCast<Vector<double>, Vector<T>>(Vector.Log(Unsafe.BitCast<Vector<T>, Vector<double>>(x)));
        throw new NotSupportedException($"No vector log for {typeof(T)}.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Floor<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
            return Unsafe.BitCast<Vector<float>, Vector<T>>(Vector.Floor(Unsafe.BitCast<Vector<T>, Vector<float>>(x)));
        if (typeof(T) == typeof(double))
            return Unsafe.BitCast<Vector<double>, Vector<T>>(Vector.Floor(Unsafe.BitCast<Vector<T>, Vector<double>>(x)));
        throw new NotSupportedException($"No vector floor for {typeof(T)}.");
    }

    /// <summary>A broadcast constant; the JIT folds the conversion for float and double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Splat<T>(double value) where T : unmanaged, IFloatingPointIeee754<T> =>
        Vector.Create(T.CreateTruncating(value));

    /// <summary>log(1 + u) for u ≥ 0, accurate when u is below the rounding unit of 1.</summary>
    /// <remarks>
    /// log(1 + u) alone returns 0 once 1 + u rounds to 1 (softplus(−50) would be 0 instead of 1.9e−22). Kahan's
    /// correction log(w)·u/(w − 1) with w = fl(1 + u) cancels the rounding of w (Goldberg, "What every computer
    /// scientist should know about floating-point arithmetic", 1991, Theorem 4).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Log1PNonNegative<T>(T u) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T w = T.One + u;
        return w == T.One ? u : T.Log(w) * u / (w - T.One);
    }

    /// <inheritdoc cref="Log1PNonNegative{T}(T)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Log1PNonNegative<T>(Vector<T> u) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> w = Vector<T>.One + u;
        Vector<T> corrected = Log(w) * u / (w - Vector<T>.One);
        return Vector.ConditionalSelect(Vector.Equals(w, Vector<T>.One), u, corrected);
    }

    /// <summary>e^x − 1, accurate for x near 0 where forming e^x − 1 directly keeps only the error of e^x.</summary>
    /// <remarks>
    /// .NET's scalar ExpM1 is exp(x) − 1 and has the same cancellation (ExpM1(1e−10) is off in the 8th digit).
    /// Kahan's correction (u − 1)·x/log(u) with u = fl(e^x) cancels the rounding of u (Higham, "Accuracy and
    /// Stability of Numerical Algorithms", 2nd ed., §1.14.1); u = 1, u = 0 and u = ∞ are the cases it cannot divide.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ExpM1<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T u = T.Exp(x);
        if (u == T.One)
            return x;
        T um1 = u - T.One;
        if (um1 == T.NegativeOne || T.IsPositiveInfinity(u))
            return um1;
        return um1 * x / T.Log(u);
    }

    /// <inheritdoc cref="ExpM1{T}(T)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> ExpM1<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> u = Exp(x);
        Vector<T> um1 = u - Vector<T>.One;
        Vector<T> corrected = um1 * x / Log(u);
        Vector<T> uncorrectable = Vector.Equals(um1, -Vector<T>.One) | Vector.Equals(u, Vector.Create(T.PositiveInfinity));
        corrected = Vector.ConditionalSelect(uncorrectable, um1, corrected);
        return Vector.ConditionalSelect(Vector.Equals(u, Vector<T>.One), x, corrected);
    }

    /// <summary>The logistic function σ(x) = 1/(1 + e^−x), evaluated through e^−|x| so neither branch overflows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sigmoid<T>(T x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SigmoidPair(x, out T s, out _);
        return s;
    }

    /// <inheritdoc cref="Sigmoid{T}(T)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Sigmoid<T>(Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        SigmoidPair(x, out Vector<T> s, out _);
        return s;
    }

    /// <summary>σ(x) and its complement 1 − σ(x) = σ(−x), both to full relative precision.</summary>
    /// <remarks>Forming 1 − σ(x) by subtraction keeps only ε absolute: at x = 15 in float that is 20% of the result,
    /// which is why the silu and tanh-gelu derivatives take the complement from here.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SigmoidPair<T>(T x, out T sigmoid, out T complement) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T e = T.Exp(-T.Abs(x));
        T r = T.One / (T.One + e);
        bool nonNegative = x >= T.Zero;
        sigmoid = nonNegative ? r : e * r;
        complement = nonNegative ? e * r : r;
    }

    /// <inheritdoc cref="SigmoidPair{T}(T, out T, out T)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SigmoidPair<T>(Vector<T> x, out Vector<T> sigmoid, out Vector<T> complement)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> e = Exp(-Vector.Abs(x));
        Vector<T> r = Vector<T>.One / (Vector<T>.One + e);
        Vector<T> er = e * r;
        Vector<T> nonNegative = Vector.GreaterThanOrEqual(x, Vector<T>.Zero);
        sigmoid = Vector.ConditionalSelect(nonNegative, r, er);
        complement = Vector.ConditionalSelect(nonNegative, er, r);
    }
}
