using Convergent.Tensors;

namespace Convergent.Data.Tests;

public class ScalerTests
{
    [Fact]
    public void Standardizer_FitTransform_GivesZeroMeanUnitPopulationStd()
    {
        var x = Tensor.FromArray(new float[] { 1, 10, 2, 10, 3, 10, 6, 10 }, 4, 2);
        var s = new Standardizer().Fit(x);
        Assert.Equal([3.0, 10.0], s.Mean!);
        // Population std of 1,2,3,6: sqrt((4+1+0+9)/4) = sqrt(3.5); a constant column keeps std 1.
        Assert.Equal(Math.Sqrt(3.5), s.Std![0], 12);
        Assert.Equal(1.0, s.Std[1]);
        var t = s.Transform(x).ToFloatArray();
        Assert.Equal((float)(-2 / Math.Sqrt(3.5)), t[0], 6);
        Assert.Equal(0f, t[1]);
        Assert.Equal(x.ToFloatArray(), s.InverseTransform(s.Transform(x)).ToFloatArray().Select(v => MathF.Round(v, 4)));
    }

    [Fact]
    public void Standardizer_ChannelsLastImages_FitsPerChannel()
    {
        // (N=1, H=1, W=2, C=2): channel 0 = {0, 4}, channel 1 = {1, 1}.
        var s = new Standardizer().Fit(Tensor.FromArray(new float[] { 0, 1, 4, 1 }, 1, 1, 2, 2));
        Assert.Equal([2.0, 1.0], s.Mean!);
        Assert.Equal([2.0, 1.0], s.Std!);
    }

    [Fact]
    public void MinMaxScaler_CustomRange_MapsMinAndMax()
    {
        var x = Tensor.FromArray(new float[] { 0, 5, 10, 5, 5, 5 }, 3, 2);
        var m = new MinMaxScaler(-1, 1).Fit(x);
        Assert.Equal([-1f, -1f, 1f, -1f, 0f, -1f], m.Transform(x).ToFloatArray());
        Assert.Equal(x.ToFloatArray(), m.InverseTransform(m.Transform(x)).ToFloatArray());
    }

    [Fact]
    public void Scalers_TransformBeforeFitOrWrongWidth_Throw()
    {
        Assert.Throws<InvalidOperationException>(() => new Standardizer().Transform(Tensor.Zeros(new Shape(2, 2))));
        var m = new MinMaxScaler().Fit(Tensor.Zeros(new Shape(2, 3)));
        Assert.Throws<ArgumentException>(() => m.Transform(Tensor.Zeros(new Shape(2, 2))));
    }
}
