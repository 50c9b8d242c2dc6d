using Convergent.Tensors;
using Convergent.Testing;
using static Convergent.Nn.Tests.Pooling1DTests;

namespace Convergent.Nn.Tests;

public class RandomZoomTests
{
    // one 1×4 single-channel image a b c d = 1 2 3 4; its centre is x = 1.5
    private static Tensor Row() => Tensor.FromArray(new double[] { 1, 2, 3, 4 }, 1, 1, 4, 1);

    [Fact]
    public void RandomZoom_Inference_IsIdentity()
    {
        var z = LayerCheck.Built(new RandomZoom(0.3), 3, 3, 2);
        var x = GradCheck.Random(1, 0, 1, 2, 3, 3, 2).Detach();
        Assert.Same(x, z.Call(x, training: false));
    }

    [Fact]
    public void Zoom_OutByTwo_ReadsTwiceAsFarFromTheCentre()
    {
        var z = LayerCheck.Built(new RandomZoom(0.5, fillMode: FillMode.Constant, fillValue: 9), 1, 4, 1);
        // output x reads 1.5 + 2(x − 1.5) = −1.5, 0.5, 2.5, 4.5: outside (fill), between a and b, between c and d, outside
        AssertClose([9, 1.5, 3.5, 9], z.Zoom(Row(), [2], [2]).ToDoubleArray());
    }

    [Theory]
    [InlineData(Interpolation.Bilinear, new double[] { 1.75, 2.25, 2.75, 3.25 })]
    // 0.75 → 1, 1.25 → 1, 1.75 → 2, 2.25 → 2 (nearest pixel)
    [InlineData(Interpolation.Nearest, new double[] { 2, 2, 3, 3 })]
    public void Zoom_InByHalf_ReadsTheMiddle(Interpolation interpolation, double[] expected)
    {
        var z = LayerCheck.Built(new RandomZoom(0.5, interpolation: interpolation), 1, 4, 1);
        // output x reads 1.5 + 0.5(x − 1.5) = 0.75, 1.25, 1.75, 2.25
        AssertClose(expected, z.Zoom(Row(), [0.5], [0.5]).ToDoubleArray());
    }

    [Fact]
    public void Zoom_HeightOnly_KeepsColumns()
    {
        // 3×1 column 1 2 3 zoomed in by 0.5 in height only: rows read 0.5, 1, 1.5 (centre 1)
        var z = LayerCheck.Built(new RandomZoom(0.5, 0.0), 3, 1, 1);
        var x = Tensor.FromArray(new double[] { 1, 2, 3 }, 1, 3, 1, 1);
        AssertClose([1.5, 2, 2.5], z.Zoom(x, [0.5], [1]).ToDoubleArray());
    }

    [Fact]
    public void RandomZoom_TrainingWithSeed_HeightFactorsThenWidthFactors()
    {
        var x = GradCheck.Random(5, 0, 1, 3, 4, 5, 2).Detach();
        var layer = LayerCheck.Built(new RandomZoom((-0.3, 0.2), 0.1, seed: 4), 4, 5, 2);
        var y = layer.Call(x, training: true).ToDoubleArray();

        var stream = new RandomStream(4);
        var zy = Enumerable.Range(0, 3).Select(_ => 1 - 0.3 + 0.5 * stream.NextDouble()).ToArray();
        var zx = Enumerable.Range(0, 3).Select(_ => 1 - 0.1 + 0.2 * stream.NextDouble()).ToArray();
        Assert.Equal(layer.Zoom(x, zy, zx).ToDoubleArray(), y);

        // without width_factor the width zooms with the height (aspect ratio kept)
        var square = LayerCheck.Built(new RandomZoom(0.2, seed: 4), 4, 5, 2);
        var s = new RandomStream(4);
        var both = Enumerable.Range(0, 3).Select(_ => 1 - 0.2 + 0.4 * s.NextDouble()).ToArray();
        Assert.Equal(square.Zoom(x, both, both).ToDoubleArray(), square.Call(x, training: true).ToDoubleArray());
    }

    [Fact]
    public void RandomZoom_Training_GradientMatchesFiniteDifferences()
    {
        var x = GradCheck.Random(3, -1, 1, 2, 5, 4, 2);
        double err = GradCheck.MaxError(GradCheck.Weighted(v =>
            LayerCheck.Built(new RandomZoom(0.4, (-0.2, 0.3), FillMode.Constant, fillValue: 0.5, seed: 2), 5, 4, 2).Call(v[0], true)), x);
        Assert.True(err < GradCheck.Tolerance, err.ToString());
    }

    [Fact]
    public void RandomZoom_ConfigAndFactorBelowMinusOne()
    {
        var config = new RandomZoom(0.1).GetConfig();
        Assert.Equal((0.1, null, "reflect", "bilinear"), ((double)config["height_factor"]!, config["width_factor"], config["fill_mode"], config["interpolation"]));
        Assert.Contains("height_factor=(-1.5, 0.2)", Assert.Throws<ArgumentException>(() => new RandomZoom((-1.5, 0.2))).Message);
        Assert.Contains("width_factor=-1.2", Assert.Throws<ArgumentException>(() => new RandomZoom(0.1, -1.2)).Message);
        // zooming out more than twice is allowed (Keras bounds the factor only from below)
        Assert.Equal(3, new RandomZoom((0.5, 2)).HeightFactor.Upper + 1);
    }
}
