using Convergent.Tensors;
using Convergent.Testing;

namespace Convergent.Tensors.Tests;

public class MatMulAndConvTests
{
    [Fact]
    public void MatMul_TwoByTwo_MatchesHandComputed()
    {
        var a = Tensor.FromArray(new float[] { 1, 2, 3, 4 }, 2, 2);
        var b = Tensor.FromArray(new float[] { 5, 6, 7, 8 }, 2, 2);
        Assert.Equal(new float[] { 19, 22, 43, 50 }, Ops.MatMul(a, b).ToFloatArray());
        // aᵀ·b = [[1,3],[2,4]]·[[5,6],[7,8]] = [[26,30],[38,44]]
        Assert.Equal(new float[] { 26, 30, 38, 44 }, Ops.MatMul(a, b, transposeA: true).ToFloatArray());
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void MatMul_Transposes_GradientsMatchFiniteDifferences(bool ta, bool tb)
    {
        int m = 3, k = 4, n = 5;
        var a = ta ? GradCheck.Random(1, -1, 1, k, m) : GradCheck.Random(1, -1, 1, m, k);
        var b = tb ? GradCheck.Random(2, -1, 1, n, k) : GradCheck.Random(2, -1, 1, k, n);
        double err = GradCheck.MaxError(GradCheck.Weighted(v => Ops.MatMul(v[0], v[1], ta, tb)), a, b);
        Assert.True(err < GradCheck.Tolerance, err.ToString());
    }

    [Fact]
    public void MatMul_InnerMismatch_NamesShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.MatMul(Tensor.Zeros(new Shape(2, 3)), Tensor.Zeros(new Shape(4, 5))));
        Assert.Contains("(2, 3)", ex.Message);
        Assert.Contains("(4, 5)", ex.Message);
    }

    [Theory]
    [InlineData(true, false, 1, 1)]
    [InlineData(true, true, 2, 1)]
    [InlineData(false, true, 1, 2)]
    [InlineData(false, false, 2, 1)]
    public void Conv2D_Op_GradientsMatchFiniteDifferences(bool channelsLast, bool same, int stride, int dilation)
    {
        var x = channelsLast ? GradCheck.Random(3, -1, 1, 2, 6, 5, 3) : GradCheck.Random(3, -1, 1, 2, 3, 6, 5);
        var k = GradCheck.Random(4, -1, 1, 3, 2, 3, 4);
        double err = GradCheck.MaxError(GradCheck.Weighted(v => Ops.Conv2D(v[0], v[1], stride, stride, dilation, dilation, same, channelsLast)), x, k);
        Assert.True(err < GradCheck.Tolerance, err.ToString());
    }

    [Fact]
    public void Conv2D_KernelAsLargeAsImage_CollapsesToOneByOne()
    {
        // user story 2 in miniature: a 'valid' kernel covering the whole image leaves a 1×1 map (a dense layer)
        var x = Tensor.Ones(new Shape(1, 5, 5, 1));
        var k = Tensor.Full(new Shape(5, 5, 1, 2), 0.5);
        var y = Ops.Conv2D(x, k);
        Assert.Equal(new Shape(1, 1, 1, 2), y.Shape);
        Assert.Equal(new float[] { 12.5f, 12.5f }, y.ToFloatArray());
    }
}
