using System.Numerics;
using Convergent.Kernels.Tests.Common;

namespace Convergent.Kernels.Tests.Elementwise;

public sealed class ErfTests
{
    // Cody's CALERF promises about 1e−16 relative; 4 ulp of double (4·2.2e−16) leaves room for the rounding of the
    // rational functions and of the two exponentials.
    private static readonly Tolerance DoubleErf = new(9e-16, 0);

    // erfc relative accuracy degrades with x because e^(−s²) inherits the rounding of exp of arguments up to −729:
    // exp's ~1 ulp error on a result whose exponent scales with x² is still ~1 ulp, but the two factors and the ratio
    // add up to a few ulp; subnormal results (x > 26.5) keep only their absolute precision.
    private static readonly Tolerance DoubleErfc = new(4e-15, 1e-320);

    // Float kernels evaluate the same rational functions in float: a few float ulp (1.2e−7 each) from the Horner
    // steps and the vector exp, plus an absolute floor of one float ulp of 1 where the 1 − erfc subtraction rounds.
    private static readonly Tolerance FloatKernel = new(5e-7, 1.2e-7);

    // The double vector path differs from the scalar path only in the vector exp (≤ 1 ulp, AOCL-derived in .NET).
    private static readonly Tolerance DoubleKernel = new(4e-15, 1e-16);

    [Theory]
    [InlineData(0.5, 0.5204998778130465)]
    [InlineData(1.0, 0.8427007929497149)]
    [InlineData(2.0, 0.9953222650189527)]
    public void Erf_PublishedValues_Match(double x, double expected)
    {
        KernelAssert.Close(expected, Erf.Evaluate(x), DoubleErf, $"erf({x})");
        KernelAssert.Close(-expected, Erf.Evaluate(-x), DoubleErf, $"erf({-x})");
    }

    [Fact]
    public void Erf_MpmathGoldens_MatchToFewUlps()
    {
        foreach (var (x, erf, erfc) in ErfGoldens.Table)
        {
            KernelAssert.Close(erf, Erf.Evaluate(x), DoubleErf, $"erf({x:R})");
            KernelAssert.Close(erfc, Erf.EvaluateComplement(x), DoubleErfc, $"erfc({x:R})");
        }
    }

    [Fact]
    public void Erf_NegatedArgument_IsExactlyOdd()
    {
        foreach (double x in SeededData.Uniform(2000, 0, 8, seed: 11))
            Assert.Equal(-Erf.Evaluate(x), Erf.Evaluate(-x));
    }

    [Fact]
    public void Erf_SpecialValues_AreExact()
    {
        Assert.Equal(0.0, Erf.Evaluate(0.0));
        Assert.True(double.IsNegative(Erf.Evaluate(-0.0)));
        Assert.Equal(1.0, Erf.Evaluate(double.PositiveInfinity));
        Assert.Equal(-1.0, Erf.Evaluate(double.NegativeInfinity));
        Assert.True(double.IsNaN(Erf.Evaluate(double.NaN)));
        Assert.Equal(0.0, Erf.EvaluateComplement(double.PositiveInfinity));
        Assert.Equal(2.0, Erf.EvaluateComplement(double.NegativeInfinity));
        Assert.Equal(1.0, Erf.EvaluateComplement(0.0));
        Assert.True(double.IsNaN(Erf.EvaluateComplement(double.NaN)));
        Assert.Equal(1f, Erf.Evaluate(float.PositiveInfinity));
        Assert.Equal(0f, Erf.EvaluateComplement(30f));
    }

    [Fact]
    public void Erf_FloatScalar_MatchesDoubleGoldens()
    {
        foreach (var (x, erf, erfc) in ErfGoldens.Table)
        {
            if (x != (float)x)
                continue;
            KernelAssert.Close(erf, Erf.Evaluate((float)x), FloatKernel, $"erf({x:R}f)");
        }
    }

    [Fact]
    public void Erf_ForwardFloat_AllLengths_MatchesScalarDouble() => ForwardMatchesScalar<float>(FloatKernel);

    [Fact]
    public void Erf_ForwardDouble_AllLengths_MatchesScalarDouble() => ForwardMatchesScalar<double>(DoubleKernel);

    [Fact]
    public void Erf_Backward_MatchesFiniteDifferences()
    {
        double[] x = [.. SeededData.Uniform(200, -6, 6, seed: 12), 0.0, 0.46875, 4.0, -4.0];
        double[] dy = SeededData.Uniform(x.Length, -2, 2, seed: 13);
        double[] dx = SeededData.Uniform(x.Length, -1, 1, seed: 14);
        double[] expected = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
            expected[i] = dx[i] + dy[i] * FiniteDifference.Derivative(Erf.Evaluate, x[i]);

        Erf.Backward<double>(x, new double[x.Length], dy, dx);

        KernelAssert.Close<double>(expected, dx, FiniteDifference.GradientTolerance, "erf backward", x);
    }

    private static void ForwardMatchesScalar<T>(Tolerance tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (int n in KernelLengths.All())
        {
            // −7…7 crosses all three of Cody's ranges and the sign flip; the seed varies with the length.
            double[] inputs = SeededData.UniformFloatRepresentable(n, -7, 7, seed: n);
            T[] x = SeededData.Convert<T>(inputs);
            var y = new T[n];
            Erf.Forward<T>(x, y);
            var expected = new double[n];
            for (int i = 0; i < n; i++)
                expected[i] = Erf.Evaluate(inputs[i]);
            KernelAssert.Close<T>(expected, y, tolerance, $"erf n={n}", inputs);
        }
    }
}
