using Convergent.Testing;

namespace Convergent.Tensors.Tests;

public class SoftmaxOpsTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public void Softmax_AnyAxis_GradientMatchesFiniteDifferences(int axis)
    {
        var x = GradCheck.Random(3, -3, 3, 4, 5, 3);
        double err = GradCheck.MaxError(GradCheck.Weighted(v => Ops.Softmax(v[0], axis)), x);
        Assert.True(err < GradCheck.Tolerance, err.ToString());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void LogSoftmax_AnyAxis_GradientMatchesFiniteDifferences(int axis)
    {
        var x = GradCheck.Random(4, -3, 3, 4, 5, 3);
        double err = GradCheck.MaxError(GradCheck.Weighted(v => Ops.LogSoftmax(v[0], axis)), x);
        Assert.True(err < GradCheck.Tolerance, err.ToString());
    }

    [Fact]
    public void Softmax_OneTwoThree_MatchesHandComputed()
    {
        // e⁰, e¹, e² over their sum (shifted by the max 3): 0.09003057, 0.24472847, 0.66524096
        var y = Ops.Softmax(Tensor.FromArray(new double[] { 1, 2, 3 }, 1, 3)).ToDoubleArray();
        Assert.Equal(0.090030573170380462, y[0], 14);
        Assert.Equal(0.24472847105479767, y[1], 14);
        Assert.Equal(0.66524095577482178, y[2], 14);
    }

    [Fact]
    public void Softmax_SaturatedLogits_StaysFiniteAndGradientChecks()
    {
        // without the max shift e^1000 overflows to ∞ and the result is NaN
        var x = Tensor.FromArray(new double[] { 1000, 0, -1000, 5, 5.5, 990 }, 2, 3).WithGrad();
        var y = Ops.Softmax(x).ToDoubleArray();
        Assert.All(y, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(1.0, y[0], 15);
        double err = GradCheck.MaxError(GradCheck.Weighted(v => Ops.Softmax(v[0])), x);
        Assert.True(err < GradCheck.Tolerance, err.ToString());
    }

    [Fact]
    public void LogSoftmax_WhereSoftmaxUnderflows_IsExactDifference()
    {
        // softmax(−1000 vs 0) underflows to 0 (log → −∞); log-softmax keeps −1000 − log(1 + e⁻¹⁰⁰⁰) = −1000
        var y = Ops.LogSoftmax(Tensor.FromArray(new double[] { -1000, 0 }, 1, 2)).ToDoubleArray();
        Assert.Equal(-1000, y[0], 10);
        Assert.Equal(0, y[1], 10);
    }

    [Fact]
    public void Softmax_Float32_RowsSumToOne()
    {
        var x = GradCheck.Random(9, -10, 10, 7, 33).Cast(DType.Float32);
        var y = Ops.Softmax(x).ToDoubleArray();
        for (int r = 0; r < 7; r++) Assert.Equal(1.0, y.Skip(r * 33).Take(33).Sum(), 5);
    }
}
