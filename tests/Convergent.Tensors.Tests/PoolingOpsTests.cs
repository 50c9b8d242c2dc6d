using Convergent.Testing;

namespace Convergent.Tensors.Tests;

public class PoolingOpsTests
{
    [Theory]
    [InlineData(true, false, 2, 2)]
    [InlineData(true, true, 3, 2)]
    [InlineData(false, true, 2, 1)]
    [InlineData(false, false, 3, 1)]
    public void Pool2D_MaxAndAvg_GradientsMatchFiniteDifferences(bool channelsLast, bool same, int pool, int stride)
    {
        // distinct random values keep every window's maximum away from a tie (a kink of max)
        var x = channelsLast ? GradCheck.Random(1, -1, 1, 2, 5, 6, 3) : GradCheck.Random(1, -1, 1, 2, 3, 5, 6);
        double errMax = GradCheck.MaxError(GradCheck.Weighted(v => Ops.MaxPool2D(v[0], pool, pool, stride, stride, same, channelsLast)), x);
        double errAvg = GradCheck.MaxError(GradCheck.Weighted(v => Ops.AvgPool2D(v[0], pool, pool, stride, stride, same, channelsLast)), x);
        Assert.True(errMax < GradCheck.Tolerance, $"max: {errMax}");
        Assert.True(errAvg < GradCheck.Tolerance, $"avg: {errAvg}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void GlobalPool2D_MaxAndAvg_GradientsMatchFiniteDifferences(bool channelsLast)
    {
        var x = GradCheck.Random(2, -1, 1, 2, 3, 4, 3);
        double errMax = GradCheck.MaxError(GradCheck.Weighted(v => Ops.GlobalMaxPool2D(v[0], channelsLast)), x);
        double errAvg = GradCheck.MaxError(GradCheck.Weighted(v => Ops.GlobalAvgPool2D(v[0], channelsLast)), x);
        Assert.True(errMax < GradCheck.Tolerance, $"max: {errMax}");
        Assert.True(errAvg < GradCheck.Tolerance, $"avg: {errAvg}");
    }

    [Fact]
    public void Pool2D_TwoByTwo_MatchesHandComputed()
    {
        // one 2×4 channel: [[1, 5, 2, 0], [3, 4, 8, 6]] → max [5, 8], mean [3.25, 4]
        var x = Tensor.FromArray(new double[] { 1, 5, 2, 0, 3, 4, 8, 6 }, 1, 2, 4, 1);
        Assert.Equal(new double[] { 5, 8 }, Ops.MaxPool2D(x, 2, 2, 2, 2).ToDoubleArray());
        Assert.Equal(new double[] { 3.25, 4 }, Ops.AvgPool2D(x, 2, 2, 2, 2).ToDoubleArray());
        Assert.Equal(new double[] { 8 }, Ops.GlobalMaxPool2D(x).ToDoubleArray());
        Assert.Equal(new double[] { 29 / 8.0 }, Ops.GlobalAvgPool2D(x).ToDoubleArray());
    }

    [Fact]
    public void AvgPool2D_SameBorderWindow_CountsOnlyInsideCells()
    {
        // 1×3 row [3, 6, 9], pool 2 stride 2 'same': out 2, the second window holds only 9 → 9, not 4.5
        var x = Tensor.FromArray(new double[] { 3, 6, 9 }, 1, 1, 3, 1);
        Assert.Equal(new double[] { 4.5, 9 }, Ops.AvgPool2D(x, 1, 2, 1, 2, samePadding: true).ToDoubleArray());
    }
}
