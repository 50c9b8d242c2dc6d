using Convergent.Kernels.Tests.Common;

namespace Convergent.Kernels.Tests.Activations;

internal delegate void ForwardKernel<T>(ReadOnlySpan<T> x, Span<T> y);

internal delegate void BackwardKernel<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx);

/// <summary>
/// One activation under test: its kernels for float and double, a plain double twin of f and f′ written from the
/// formula, the input range to sample, the kinks a finite-difference stencil must not straddle, and — where the
/// function's own conditioning calls for it — forward tolerances wider than the defaults in ActivationTests.
/// </summary>
internal sealed record ActivationCase(
    string Name,
    ForwardKernel<float> ForwardFloat,
    ForwardKernel<double> ForwardDouble,
    BackwardKernel<float> BackwardFloat,
    BackwardKernel<double> BackwardDouble,
    Func<double, double> Twin,
    Func<double, double> TwinDerivative,
    double Low = -8,
    double High = 8,
    double[]? Kinks = null,
    Tolerance? FloatForward = null,
    Tolerance? DoubleForward = null)
{
    public override string ToString() => Name;

    /// <summary>A forward value through the double kernel (length 1: the scalar path).</summary>
    public double Apply(double x)
    {
        Span<double> y = stackalloc double[1];
        ForwardDouble([x], y);
        return y[0];
    }
}
