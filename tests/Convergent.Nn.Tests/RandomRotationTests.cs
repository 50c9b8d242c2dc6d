using Convergent.Tensors;
using Convergent.Testing;
using static Convergent.Nn.Tests.Pooling1DTests;

namespace Convergent.Nn.Tests;

public class RandomRotationTests
{
    // one 3×3 single-channel image with pixel (y, x) = 3y + x:
    //   0 1 2
    //   3 4 5
    //   6 7 8
    private static Tensor Ramp() => Tensor.FromArray(Enumerable.Range(0, 9).Select(i => (double)i).ToArray(), 1, 3, 3, 1);

    [Fact]
    public void RandomRotation_Inference_IsIdentity()
    {
        var r = LayerCheck.Built(new RandomRotation(0.5), 3, 3, 2);
        var x = GradCheck.Random(1, 0, 1, 2, 3, 3, 2).Detach();
        Assert.Same(x, r.Call(x, training: false));
    }

    [Theory]
    [InlineData(Interpolation.Nearest)]
    [InlineData(Interpolation.Bilinear)]
    public void Rotate_QuarterTurn_IsCounterClockwise(Interpolation interpolation)
    {
        var r = LayerCheck.Built(new RandomRotation(0.25, interpolation: interpolation), 3, 3, 1);
        // θ = π/2: output (x, y) reads input (2 − y, x), i.e. numpy's rot90: the right column becomes the top row
        AssertClose([2, 5, 8, 1, 4, 7, 0, 3, 6], r.Rotate(Ramp(), [Math.PI / 2]).ToDoubleArray(), 1e-9);
    }

    [Fact]
    public void Rotate_EighthTurnBilinearConstantFill_HandDerivedCorner()
    {
        var r = LayerCheck.Built(new RandomRotation(0.2, fillMode: FillMode.Constant, fillValue: 9), 3, 3, 1);
        var y = r.Rotate(Ramp(), [Math.PI / 4]).ToDoubleArray();
        // output (0, 0) reads input (x, y) = (1 − cos + sin, 1 − sin − cos) = (1, 1 − √2): between row −1 (outside: the
        // fill value) and row 0 at column 1 (pixel 1), with weights √2 − 1 and 2 − √2
        double s2 = Math.Sqrt(2);
        Assert.Equal((2 - s2) * 1 + (s2 - 1) * 9, y[0], 12);
        // the centre stays
        Assert.Equal(4, y[4], 12);
    }

    [Fact]
    public void Rotate_ChannelsFirst_RotatesEveryChannel()
    {
        var r = LayerCheck.Built(new RandomRotation(0.25, interpolation: Interpolation.Nearest, dataFormat: DataFormat.ChannelsFirst), 2, 3, 3);
        var x = Tensor.FromArray(Enumerable.Range(0, 9).Select(i => (double)i).Concat(Enumerable.Range(0, 9).Select(i => 10.0 * i)).ToArray(), 1, 2, 3, 3);
        AssertClose([2, 5, 8, 1, 4, 7, 0, 3, 6, 20, 50, 80, 10, 40, 70, 0, 30, 60], r.Rotate(x, [Math.PI / 2]).ToDoubleArray(), 1e-9);
    }

    [Fact]
    public void RandomRotation_TrainingWithSeed_RotatesEachImageByItsDrawnAngle()
    {
        var x = GradCheck.Random(5, 0, 1, 3, 4, 5, 2).Detach();
        var layer = LayerCheck.Built(new RandomRotation((-0.1, 0.3), seed: 11), 4, 5, 2);
        var y = layer.Call(x, training: true).ToDoubleArray();

        // the layer's own stream of seed 11 gives one angle per image: U(−0.1, 0.3) of a full turn
        var stream = new RandomStream(11);
        var angles = Enumerable.Range(0, 3).Select(_ => (-0.1 + 0.4 * stream.NextDouble()) * 2 * Math.PI).ToArray();
        Assert.Equal(layer.Rotate(x, angles).ToDoubleArray(), y);
        // a second call draws new angles
        Assert.NotEqual(y, layer.Call(x, training: true).ToDoubleArray());
        // the same seed in a new layer repeats the first draw
        Assert.Equal(y, LayerCheck.Built(new RandomRotation((-0.1, 0.3), seed: 11), 4, 5, 2).Call(x, training: true).ToDoubleArray());
    }

    [Fact]
    public void RandomRotation_Training_GradientMatchesFiniteDifferences()
    {
        // the angles are redrawn on every call, so fix them with a fresh seeded layer per evaluation
        var x = GradCheck.Random(3, -1, 1, 2, 5, 4, 2);
        double err = GradCheck.MaxError(GradCheck.Weighted(v =>
            LayerCheck.Built(new RandomRotation(0.3, fillMode: FillMode.Constant, fillValue: 0.5, seed: 2), 5, 4, 2).Call(v[0], true)), x);
        Assert.True(err < GradCheck.Tolerance, err.ToString());
    }

    [Fact]
    public void RandomRotation_ConfigAndFactorOutOfRange()
    {
        var config = new RandomRotation(0.1).GetConfig();
        Assert.Equal((0.1, "reflect", "bilinear", 0.0), ((double)config["factor"]!, config["fill_mode"], config["interpolation"], config["fill_value"]));
        Assert.Contains("factor=1.5", Assert.Throws<ArgumentException>(() => new RandomRotation(1.5)).Message);
        Assert.Equal("random_rotation", new RandomRotation(0.1).DefaultBaseName);
    }
}
