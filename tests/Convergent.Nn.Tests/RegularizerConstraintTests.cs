using Convergent.Tensors;
using Convergent.Testing;

namespace Convergent.Nn.Tests;

public class RegularizerConstraintTests
{
    // [[3, 0], [−4, 1]]: column 0 = (3, −4) with norm 5, column 1 = (0, 1) with norm 1
    private static Tensor W() => Tensor.FromArray(new double[] { 3, 0, -4, 1 }, 2, 2);

    [Fact]
    public void Regularizers_KerasDefaults_MatchHandComputedPenalties()
    {
        // Σ|w| = 8, Σw² = 26
        Assert.Equal(0.08, new L1().Penalty(W()).Item(), 12);
        Assert.Equal(0.26, new L2().Penalty(W()).Item(), 12);
        Assert.Equal(0, new L1L2().Penalty(W()).Item(), 12);
        Assert.Equal(0.5 * 8 + 0.1 * 26, new L1L2(0.5, 0.1).Penalty(W()).Item(), 12);
    }

    [Fact]
    public void L2_Gradient_IsTwoL2W()
    {
        var w = GradCheck.Random(1, -1, 1, 3, 4);
        double err = GradCheck.MaxError(v => new L1L2(0.3, 0.2).Penalty(v[0]), w);
        Assert.True(err < GradCheck.Tolerance, err.ToString());
        w.Grad = null;
        new L2(0.2).Penalty(w).Backward();
        for (int i = 0; i < w.Size; i++) Assert.Equal(0.4 * w[i], w.Grad![i], 12);
    }

    [Fact]
    public void Regularizer_NegativeFactor_NamesArgument()
    {
        Assert.Contains("l2=-0.1", Assert.Throws<ArgumentException>(() => new L2(-0.1)).Message);
    }

    [Fact]
    public void MaxNorm_DenseKernel_CapsEachOutputUnitsIncomingNorm()
    {
        // kernel (in = 2, out = 2): column 0 = (3, −4) has norm 5 → scaled to 2·(3, −4)/(5 + 1e-7);
        // column 1 = (0, 1) has norm 1 ≤ 2 → multiplied by 1/(1 + 1e-7) (Keras's ε also touches short columns)
        var w = W();
        new MaxNorm().Apply(w);
        double s = 2 / (5 + 1e-7);
        Assert.Equal(3 * s, w[0], 12);
        Assert.Equal(0, w[1], 12);
        Assert.Equal(-4 * s, w[2], 12);
        Assert.Equal(1 / (1 + 1e-7), w[3], 12);
    }

    [Fact]
    public void MaxNorm_ConvKernelAxes012_OneNormPerFilter()
    {
        var w = Tensor.Full(new Shape(3, 3, 2, 4), 1.0, DType.Float64);    // each filter: 18 ones, norm √18
        new MaxNorm(1.0, [0, 1, 2]).Apply(w);
        double norm0 = Math.Sqrt(Enumerable.Range(0, 18).Sum(i => w[i * 4] * w[i * 4]));
        Assert.Equal(1.0, norm0, 6);
        Assert.Equal(new object[] { 0, 1, 2 }.Cast<int>().ToArray(), (int[])new MaxNorm(1.0, [0, 1, 2]).GetConfig()["axis"]!);
    }

    [Fact]
    public void NonNeg_ZeroesNegativeWeights()
    {
        var w = W();
        new NonNeg().Apply(w);
        Assert.Equal(new double[] { 3, 0, 0, 1 }, w.ToDoubleArray());
    }

    [Fact]
    public void UnitNorm_Axis1_NormalizesRows()
    {
        var w = W();
        new UnitNorm(axis: 1).Apply(w);
        // rows (3, 0) and (−4, 1): norms 3 and √17
        Assert.Equal(3 / (3 + 1e-7), w[0], 12);
        Assert.Equal(-4 / (Math.Sqrt(17) + 1e-7), w[2], 12);
        Assert.Equal(1 / (Math.Sqrt(17) + 1e-7), w[3], 12);
    }

    [Fact]
    public void MinMaxNorm_HalfRate_MovesHalfway()
    {
        // column 0 norm 5, clip to [0, 1] → 1; rate 0.5: desired = 0.5·1 + 0.5·5 = 3 → factor 3/(5 + ε)
        var w = W();
        new MinMaxNorm(0, 1, rate: 0.5).Apply(w);
        Assert.Equal(3 * 3 / (5 + 1e-7), w[0], 12);
        Assert.Equal(1 / (1 + 1e-7), w[3], 12);
    }

    [Fact]
    public void Constraint_Config_HasKerasKeys()
    {
        var c = new MinMaxNorm().GetConfig();
        Assert.Equal(0.0, c["min_value"]);
        Assert.Equal(1.0, c["max_value"]);
        Assert.Equal(1.0, c["rate"]);
        Assert.Equal(0, c["axis"]);
    }
}
