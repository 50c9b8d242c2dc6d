using Convergent.Kernels.Tests.Common;

namespace Convergent.Kernels.Tests.Activations;

/// <summary>Published and hand-derived values, the conventions at kinks, and behaviour at saturation.</summary>
public sealed class ActivationKnownValueTests
{
    // Two double ulps: known values are quoted to their last digit (mpmath, 40 digits, rounded once).
    private static readonly Tolerance DoubleKnown = new(4.5e-16, 0);

    // Two float ulps.
    private static readonly Tolerance FloatKnown = new(2.4e-7, 0);

    // erfc's condition number 2z² (z = x/√2, so 9 at x = −3) multiplies the rounding of its argument.
    private static readonly Tolerance GeluTailKnown = new(9 * 2.3e-16, 0);
    private static readonly Tolerance GeluTailKnownFloat = new(9 * 1.2e-7, 0);

    // Lengths that take only the scalar path (1) and the vector path with a tail (19).
    public static TheoryData<int> Lengths => new() { 1, 19 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Relu_BackwardAtExactlyZero_IsZero(int n)
    {
        var dx = new double[n];
        Relu.Backward<double>(new double[n], new double[n], Filled(n, 1.0), dx);
        Assert.All(dx, v => Assert.Equal(0.0, v));

        var dxFloat = new float[n];
        Relu.Backward<float>(Filled(n, -0f), new float[n], Filled(n, 1f), dxFloat);
        Assert.All(dxFloat, v => Assert.Equal(0f, v));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Relu6_BackwardAtBothKinks_IsZero(int n)
    {
        var dx = new float[n];
        Relu6.Backward<float>(Filled(n, 6f), new float[n], Filled(n, 1f), dx);
        Relu6.Backward<float>(Filled(n, 0f), new float[n], Filled(n, 1f), dx);
        Assert.All(dx, v => Assert.Equal(0f, v));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void LeakyRelu_AtZeroAndNegative_UsesSlope(int n)
    {
        var y = new float[n];
        LeakyRelu.Forward<float>(Filled(n, -2f), y, 0.2f);
        Assert.All(y, v => Assert.Equal(-0.4f, v));

        var dx = new float[n];
        LeakyRelu.Backward<float>(new float[n], new float[n], Filled(n, 1f), dx, 0.2f);
        Assert.All(dx, v => Assert.Equal(0.2f, v));
    }

    [Fact]
    public void LeakyRelu_Keras3Default_IsPointTwo() => Assert.Equal(0.2, LeakyRelu.DefaultNegativeSlope);

    [Theory]
    [InlineData(1.0, 1.0507009873554805)] // Keras: selu(1) = scale = 1.05070098
    [InlineData(-1.0, -1.1113307378125628)] // scale·alpha·(e⁻¹ − 1)
    [InlineData(0.0, 0.0)]
    public void Selu_KnownValues_Match(double x, double expected)
    {
        KernelAssert.Close(expected, Apply(Selu.Forward, x), DoubleKnown, $"selu({x})");
        KernelAssert.Close(expected, Apply(Selu.Forward, (float)x), FloatKnown, $"selu({x}f)");
    }

    [Fact]
    public void Selu_Constants_MatchKeras()
    {
        // Keras's docstring truncates them to 8 decimals; the code uses the full values.
        Assert.InRange(Selu.Alpha - 1.67326324, 0, 1e-8);
        Assert.InRange(Selu.Scale - 1.05070098, 0, 1e-8);
    }

    [Theory]
    [InlineData(1.0, 0.8413447460685429)] // x·Φ(x) = Φ(1)
    [InlineData(-3.0, -0.0040496940948902835)]
    public void Gelu_ExactKnownValues_Match(double x, double expected)
    {
        KernelAssert.Close(expected, Apply((a, b) => Gelu.Forward(a, b), x), x < 0 ? GeluTailKnown : DoubleKnown, $"gelu({x})");
        KernelAssert.Close(expected, Apply((a, b) => Gelu.Forward(a, b), (float)x), x < 0 ? GeluTailKnownFloat : FloatKnown, $"gelu({x}f)");
    }

    [Fact]
    public void Gelu_ApproximateAtOne_MatchesKerasTanhExpression()
    {
        double keras = 0.5 * 1.0 * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (1.0 + 0.044715)));
        KernelAssert.Close(0.8411919906082767, keras, DoubleKnown, "Keras expression at 1");
        KernelAssert.Close(keras, Apply((a, b) => Gelu.Forward(a, b, approximate: true), 1.0), DoubleKnown, "gelu~(1)");
    }

    [Theory]
    [InlineData(false, 1f, 0.6666667f)] // relu6(1 + 3)/6
    [InlineData(true, 1f, 0.7f)] // clip(0.2 + 0.5, 0, 1)
    [InlineData(false, -3f, 0f)]
    [InlineData(false, 3f, 1f)]
    [InlineData(true, -2.5f, 0f)]
    [InlineData(true, 10f, 1f)]
    public void HardSigmoid_KnownValues_MatchKeras(bool keras2, float x, float expected) =>
        Assert.Equal(expected, Apply((a, b) => HardSigmoid.Forward(a, b, keras2), x));

    [Theory]
    [InlineData(-1.0, -0.6321205588285577)] // e⁻¹ − 1
    [InlineData(-1e-10, -9.9999999995e-11)] // expm1 keeps full precision near 0
    [InlineData(2.0, 2.0)]
    public void Elu_AlphaOne_KnownValues_Match(double x, double expected) =>
        KernelAssert.Close(expected, Apply((a, b) => Elu.Forward(a, b, 1.0), x), DoubleKnown, $"elu({x})");

    [Fact]
    public void Softsign_AtOne_IsHalfWithQuarterSlope()
    {
        Assert.Equal(0.5f, Apply(Softsign.Forward, 1f));
        var dx = new float[1];
        Softsign.Backward<float>([1f], [0.5f], [1f], dx);
        Assert.Equal(0.25f, dx[0]);
    }

    [Fact]
    public void Silu_AtOne_IsSigmoidOfOne() =>
        KernelAssert.Close(0.7310585786300049, Apply(Silu.Forward, 1.0), DoubleKnown, "silu(1)");

    [Theory]
    [InlineData(50.0, 50.0, 1.0)]
    [InlineData(-50.0, 1.9287498479639178e-22, 1.9287498479639178e-22)] // log(1 + e⁻⁵⁰) ≈ σ(−50) ≈ e⁻⁵⁰
    [InlineData(0.0, 0.6931471805599453, 0.5)]
    public void Softplus_AtFiftyAndZero_ExactWithoutOverflow(double x, double expected, double slope)
    {
        KernelAssert.Close(expected, Apply(Softplus.Forward, x), DoubleKnown, $"softplus({x})");
        KernelAssert.Close(slope, ApplyBackward(Softplus.Backward, x), DoubleKnown, $"softplus'({x})");
        KernelAssert.Close(expected, Apply(Softplus.Forward, (float)x), FloatKnown, $"softplus({x}f)");
        KernelAssert.Close(slope, ApplyBackward(Softplus.Backward, (float)x), FloatKnown, $"softplus'({x}f)");
    }

    [Fact]
    public void Softplus_FloatFarTails_StayFinite()
    {
        Assert.Equal(1000f, Apply(Softplus.Forward, 1000f));
        float tiny = Apply(Softplus.Forward, -100f); // e⁻¹⁰⁰ = 3.7e−44, a float subnormal
        Assert.True(tiny > 0 && tiny < 1e-43f);
    }

    [Theory]
    [InlineData(20.0)]
    [InlineData(-20.0)]
    public void SigmoidAndTanh_SaturatedAtTwenty_GradientsMatchFiniteDifferences(double x)
    {
        double sigmoid = ApplyBackward(Sigmoid.Backward, x, Apply(Sigmoid.Forward, x));
        KernelAssert.Close(FiniteDifference.Derivative(v => Apply(Sigmoid.Forward, v), x), sigmoid,
            FiniteDifference.GradientTolerance, $"sigmoid'({x})");
        double tanh = ApplyBackward(Tanh.Backward, x, Apply(Tanh.Forward, x));
        KernelAssert.Close(FiniteDifference.Derivative(v => Apply(Tanh.Forward, v), x), tanh,
            FiniteDifference.GradientTolerance, $"tanh'({x})");
    }

    [Fact]
    public void Exponential_AtZeroAndOne_MatchesE()
    {
        Assert.Equal(1.0, Apply(Exponential.Forward, 0.0));
        KernelAssert.Close(Math.E, Apply(Exponential.Forward, 1.0), DoubleKnown, "exp(1)");
    }

    [Theory]
    [MemberData(nameof(ActivationTests.Names), MemberType = typeof(ActivationTests))]
    public void Activation_ExtremeFiniteFloats_GiveFiniteValuesAndGradients(string name)
    {
        ActivationCase c = ActivationCases.Get(name);
        float[] x = [1e30f, -1e30f, 100f, -100f, 0f, -0f, 1e-30f, -1e-30f, 3f, -3f, 6f, 1e30f, -1e30f, 100f, -100f, 0f, 2f];
        if (name == "exponential")
            x = [.. x.Where(v => v <= 88f)]; // e^x overflows float past 88.7, correctly
        var y = new float[x.Length];
        c.ForwardFloat(x, y);
        var dx = new float[x.Length];
        c.BackwardFloat(x, y, Filled(x.Length, 1f), dx);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(float.IsFinite(y[i]), $"{name}({x[i]}) = {y[i]}");
            Assert.True(float.IsFinite(dx[i]), $"{name}'({x[i]}) = {dx[i]}");
        }
    }

    private static T[] Filled<T>(int n, T value)
    {
        var values = new T[n];
        Array.Fill(values, value);
        return values;
    }

    private static T Apply<T>(ForwardKernel<T> forward, T x)
    {
        var y = new T[1];
        forward([x], y);
        return y[0];
    }

    private static T ApplyBackward<T>(BackwardKernel<T> backward, T x, T y = default!) where T : struct, System.Numerics.INumberBase<T>
    {
        var dx = new T[1];
        backward([x], [y], [T.One], dx);
        return dx[0];
    }
}
