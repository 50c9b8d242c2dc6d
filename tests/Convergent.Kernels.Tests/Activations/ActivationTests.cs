using System.Numerics;
using Convergent.Kernels.Tests.Common;

namespace Convergent.Kernels.Tests.Activations;

/// <summary>Every activation against its double twin at every length, and its backward against finite differences.</summary>
public sealed class ActivationTests
{
    // Four float ulps (1.2e−7 each): the vector exp/log and the formula around them round a few times. The absolute
    // floor only admits the double twin's own cancellation (the gelu tanh form's 1 + tanh u for u ≪ 0, far below
    // anything float resolves at that x).
    private static readonly Tolerance FloatForward = new(5e-7, 1e-12);

    // A few double ulps, as above; the floor again covers the twins' cancellation, now at double's scale.
    private static readonly Tolerance DoubleForward = new(8e-15, 1e-15);

    // Relative to the larger of |dx| and the terms dx₀ and f′·dy it sums (they may cancel). The absolute part is for
    // derivatives that cancel inside: read from y (tanh 1 − y², sigmoid y(1 − y), elu y + α) they inherit y's
    // rounding of an ulp of 1, doubled by 1 − y²; gelu and silu cross 0 as a difference of O(1) terms. |dy| ≤ 1.
    private static readonly Tolerance FloatBackward = new(5e-7, 3e-7);

    // The double counterpart: y's rounding is 1.1e−16, doubled, plus the accumulate's rounding.
    private static readonly Tolerance DoubleBackward = new(8e-15, 1e-15);

    public static TheoryData<string> Names => ActivationCases.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public void Activation_FloatForwardAllLengths_MatchesTwin(string name) =>
        ForwardMatchesTwin<float>(ActivationCases.Get(name), c => c.ForwardFloat, c => c.FloatForward ?? FloatForward);

    [Theory]
    [MemberData(nameof(Names))]
    public void Activation_DoubleForwardAllLengths_MatchesTwin(string name) =>
        ForwardMatchesTwin<double>(ActivationCases.Get(name), c => c.ForwardDouble, c => c.DoubleForward ?? DoubleForward);

    [Theory]
    [MemberData(nameof(Names))]
    public void Activation_FloatBackwardAllLengths_AccumulatesTwinDerivative(string name) =>
        BackwardMatchesTwin<float>(ActivationCases.Get(name), c => c.ForwardFloat, c => c.BackwardFloat, FloatBackward);

    [Theory]
    [MemberData(nameof(Names))]
    public void Activation_DoubleBackwardAllLengths_AccumulatesTwinDerivative(string name) =>
        BackwardMatchesTwin<double>(ActivationCases.Get(name), c => c.ForwardDouble, c => c.BackwardDouble, DoubleBackward);

    [Theory]
    [MemberData(nameof(Names))]
    public void Activation_DoubleBackward_MatchesFiniteDifferences(string name)
    {
        ActivationCase c = ActivationCases.Get(name);
        double[] x = AwayFromKinks(SeededData.Uniform(300, c.Low, c.High, seed: 101), c.Kinks);
        double[] dy = SeededData.Uniform(x.Length, -1, 1, seed: 102);
        double[] dx = SeededData.Uniform(x.Length, -1, 1, seed: 103);
        var expected = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
            expected[i] = dx[i] + dy[i] * FiniteDifference.Derivative(c.Apply, x[i]);
        var y = new double[x.Length];
        c.ForwardDouble(x, y);

        c.BackwardDouble(x, y, dy, dx);

        KernelAssert.Close<double>(expected, dx, FiniteDifference.GradientTolerance, $"{name} backward vs finite differences", x);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Activation_ForwardInPlace_MatchesOutOfPlace(string name)
    {
        ActivationCase c = ActivationCases.Get(name);
        float[] x = SeededData.Convert<float>(SeededData.Uniform(77, c.Low, c.High, seed: 104));
        var y = new float[x.Length];
        c.ForwardFloat(x, y);

        c.ForwardFloat(x, x);

        Assert.Equal(y, x);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Activation_MismatchedLengths_ThrowArgumentException(string name)
    {
        ActivationCase c = ActivationCases.Get(name);
        Assert.Throws<ArgumentException>(() => c.ForwardFloat(new float[5], new float[4]));
        Assert.Throws<ArgumentException>(() => c.BackwardFloat(new float[5], new float[5], new float[5], new float[6]));
        Assert.Throws<ArgumentException>(() => c.BackwardFloat(new float[5], new float[5], new float[4], new float[5]));
        Assert.Throws<ArgumentException>(() => c.BackwardFloat(new float[5], new float[3], new float[5], new float[5]));
    }

    private static void ForwardMatchesTwin<T>(ActivationCase c, Func<ActivationCase, ForwardKernel<T>> kernel,
        Func<ActivationCase, Tolerance> toleranceOf) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ForwardKernel<T> forward = kernel(c);
        Tolerance tolerance = toleranceOf(c);
        foreach (int n in KernelLengths.All())
        {
            double[] inputs = SeededData.UniformFloatRepresentable(n, c.Low, c.High, seed: n);
            var y = new T[n];
            forward(SeededData.Convert<T>(inputs), y);
            KernelAssert.Close<T>(inputs.Select(c.Twin).ToArray(), y, tolerance, $"{c.Name} forward n={n}", inputs);
        }
    }

    private static void BackwardMatchesTwin<T>(ActivationCase c, Func<ActivationCase, ForwardKernel<T>> forwardKernel,
        Func<ActivationCase, BackwardKernel<T>> backwardKernel, Tolerance tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ForwardKernel<T> forward = forwardKernel(c);
        BackwardKernel<T> backward = backwardKernel(c);
        foreach (int n in KernelLengths.All())
        {
            double[] inputs = SeededData.UniformFloatRepresentable(n, c.Low, c.High, seed: n);
            double[] dyValues = SeededData.UniformFloatRepresentable(n, -1, 1, seed: n + 1000);
            double[] dxValues = SeededData.UniformFloatRepresentable(n, -1, 1, seed: n + 2000);
            T[] x = SeededData.Convert<T>(inputs);
            var y = new T[n];
            forward(x, y);
            T[] dx = SeededData.Convert<T>(dxValues);

            backward(x, y, SeededData.Convert<T>(dyValues), dx);

            var expected = new double[n];
            var scales = new double[n];
            for (int i = 0; i < n; i++)
            {
                double increment = c.TwinDerivative(inputs[i]) * dyValues[i];
                expected[i] = dxValues[i] + increment;
                scales[i] = Math.Abs(dxValues[i]) + Math.Abs(increment);
            }
            KernelAssert.Close<T>(expected, dx, tolerance, $"{c.Name} backward n={n}", inputs, scales);
        }
    }

    /// <summary>Drops points whose five-point stencil (±2·1e−3) would straddle a kink.</summary>
    private static double[] AwayFromKinks(double[] x, double[]? kinks) =>
        kinks is null ? x : x.Where(v => kinks.All(k => Math.Abs(v - k) > 1e-2)).ToArray();
}
