using Convergent.Tensors;
using Convergent.Testing;

namespace Convergent.Tensors.Tests;

public class ReduceAndShapeTests
{
    [Fact]
    public void Sum_OverAxis1_MatchesHandComputed()
    {
        var a = Tensor.FromArray(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        var s = Ops.Sum(a, [1]);
        Assert.Equal(new Shape(2), s.Shape);
        Assert.Equal(new float[] { 6, 15 }, s.ToFloatArray());
        Assert.Equal(new Shape(1, 3), Ops.Sum(a, [0], keepDims: true).Shape);
        Assert.Equal(new float[] { 5, 7, 9 }, Ops.Sum(a, [0]).ToFloatArray());
        Assert.Equal(21f, (float)Ops.Sum(a).Item());
        Assert.Equal(3.5f, (float)Ops.Mean(a).Item());
        Assert.Equal(new float[] { 2, 5 }, Ops.Mean(a, [-1]).ToFloatArray());
    }

    [Theory]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 1 })]
    [InlineData(new[] { 2 })]
    [InlineData(new[] { 0, 2 })]
    [InlineData(new int[0])]
    public void SumMean_Axes_GradientsMatchFiniteDifferences(int[] axes)
    {
        var x = GradCheck.Random(5, -1, 1, 2, 3, 4);
        Assert.True(GradCheck.MaxError(GradCheck.Weighted(v => Ops.Sum(v[0], axes)), x) < GradCheck.Tolerance);
        Assert.True(GradCheck.MaxError(GradCheck.Weighted(v => Ops.Mean(v[0], axes, keepDims: true)), x) < GradCheck.Tolerance);
    }

    [Fact]
    public void Max_Axis_ValuesAndGradient()
    {
        var x = Tensor.FromArray(new double[] { 1, 5, 3, 7, 2, 7 }, 2, 3).WithGrad();
        var m = Ops.Max(x, 1);
        Assert.Equal(new double[] { 5, 7 }, m.ToDoubleArray());
        Ops.Sum(m).Backward();
        // tie (7, 7): the first maximal element takes the gradient
        Assert.Equal(new double[] { 0, 1, 0, 1, 0, 0 }, x.Grad!.ToDoubleArray());
    }

    [Fact]
    public void Transpose_Permutation_MovesValuesAndGradient()
    {
        var a = Tensor.FromArray(Enumerable.Range(0, 24).Select(i => (double)i).ToArray(), 2, 3, 4);
        var t = Ops.Transpose(a, 2, 0, 1);
        Assert.Equal(new Shape(4, 2, 3), t.Shape);
        // t[k, i, j] = a[i, j, k]; t[1,1,2] = a[1,2,1] = 1*12 + 2*4 + 1 = 21
        Assert.Equal(21.0, t[(1 * 2 + 1) * 3 + 2]);
        var x = GradCheck.Random(9, -1, 1, 2, 3, 4);
        Assert.True(GradCheck.MaxError(GradCheck.Weighted(v => Ops.Transpose(v[0], 1, 2, 0)), x) < GradCheck.Tolerance);
    }

    [Fact]
    public void Reshape_InferredDimension_AndGradient()
    {
        var x = GradCheck.Random(4, -1, 1, 2, 6);
        Assert.Equal(new Shape(3, 4), Ops.Reshape(x, 3, -1).Shape);
        Assert.Throws<ArgumentException>(() => Ops.Reshape(x, 5, -1));
        Assert.True(GradCheck.MaxError(GradCheck.Weighted(v => Ops.Reshape(v[0], 4, 3) * v[0].ViewForTest(4, 3)), x) < GradCheck.Tolerance);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void PadAndCrop_GradientsMatchFiniteDifferences(bool channelsLast)
    {
        var x = GradCheck.Random(6, -1, 1, 2, 3, 4, 2);
        Assert.True(GradCheck.MaxError(GradCheck.Weighted(v => Ops.Pad2D(v[0], 1, 2, 0, 1, channelsLast)), x) < GradCheck.Tolerance);
        Assert.True(GradCheck.MaxError(GradCheck.Weighted(v => Ops.Crop2D(v[0], 1, 0, 2, 2, channelsLast)), x) < GradCheck.Tolerance);
    }

    [Fact]
    public void Pad2D_ChannelsLast_PlacesValuesInside()
    {
        var x = Tensor.FromArray(new float[] { 1, 2, 3, 4 }, 1, 2, 2, 1);
        var y = Ops.Pad2D(x, 1, 0, 0, 1, channelsLast: true);
        Assert.Equal(new Shape(1, 3, 3, 1), y.Shape);
        Assert.Equal(new float[] { 0, 0, 0, 1, 2, 0, 3, 4, 0 }, y.ToFloatArray());
    }
}

internal static class TensorTestExtensions
{
    /// <summary>A recorded reshape, for composing test functions.</summary>
    public static Tensor ViewForTest(this Tensor t, params int[] shape) => Ops.Reshape(t, shape);
}
