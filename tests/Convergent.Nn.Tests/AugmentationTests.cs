using Convergent.Tensors;
using Convergent.Testing;

namespace Convergent.Nn.Tests;

public class AugmentationTests
{
    // one 1×4 single-channel image a b c d = 1 2 3 4
    private static Tensor Row() => Tensor.FromArray(new double[] { 1, 2, 3, 4 }, 1, 1, 4, 1);

    [Fact]
    public void RandomFlip_Inference_IsIdentity()
    {
        var f = LayerCheck.Built(new RandomFlip(), 3, 3, 2);
        var x = GradCheck.Random(1, 0, 1, 2, 3, 3, 2).Detach();
        Assert.Same(x, f.Call(x, training: false));
    }

    [Fact]
    public void RandomFlip_Horizontal_EachImageFlippedOrNot()
    {
        var f = LayerCheck.Built(new RandomFlip(FlipMode.Horizontal, seed: 3), 1, 4, 1);
        var x = Tensor.FromArray(Enumerable.Range(0, 64).Select(i => (double)(i % 4 + 1)).ToArray(), 16, 1, 4, 1);
        var y = f.Call(x, training: true).ToDoubleArray();
        int flipped = 0;
        for (int b = 0; b < 16; b++)
        {
            var row = y.Skip(b * 4).Take(4).ToArray();
            if (row.SequenceEqual(new double[] { 4, 3, 2, 1 })) flipped++;
            else Assert.Equal(new double[] { 1, 2, 3, 4 }, row);
        }
        // 16 fair coins: P(0 or 16 flips) = 2⁻¹⁵
        Assert.InRange(flipped, 1, 15);
    }

    [Fact]
    public void RandomFlip_Training_GradientMatchesFiniteDifferences()
    {
        // the flips are redrawn on every call, so fix them with a fresh seeded layer per evaluation
        var x = GradCheck.Random(2, -1, 1, 3, 2, 3, 2);
        double err = GradCheck.MaxError(GradCheck.Weighted(v => LayerCheck.Built(new RandomFlip(seed: 5), 2, 3, 2).Call(v[0], true)), x);
        Assert.True(err < GradCheck.Tolerance, err.ToString());
    }

    [Theory]
    // shift right by 2 (output x reads input x − 2), per fill mode, row a b c d = 1 2 3 4
    [InlineData(FillMode.Constant, new double[] { 9, 9, 1, 2 })]
    [InlineData(FillMode.Nearest, new double[] { 1, 1, 1, 2 })]
    [InlineData(FillMode.Wrap, new double[] { 3, 4, 1, 2 })]
    [InlineData(FillMode.Reflect, new double[] { 2, 1, 1, 2 })]
    public void RandomTranslation_WholePixelShift_FillsPerMode(FillMode mode, double[] expected)
    {
        var t = LayerCheck.Built(new RandomTranslation(0, 0.5, fillMode: mode, fillValue: 9), 1, 4, 1);
        Assert.Equal(expected, t.Translate(Row(), [0], [2]).ToDoubleArray());
    }

    [Fact]
    public void RandomTranslation_HalfPixelBilinear_AveragesNeighbours()
    {
        var t = LayerCheck.Built(new RandomTranslation(0, 0.5, fillMode: FillMode.Nearest), 1, 4, 1);
        // output x reads x − 0.5: (1, 1.5, 2.5, 3.5) with the left edge clamped to pixel 0
        Assert.Equal(new double[] { 1, 1.5, 2.5, 3.5 }, t.Translate(Row(), [0], [0.5]).ToDoubleArray());
        var nearest = LayerCheck.Built(new RandomTranslation(0, 0.5, fillMode: FillMode.Nearest, interpolation: Interpolation.Nearest), 1, 4, 1);
        // round half away from zero: −0.5 → −1 (clamped to 0), 0.5 → 1, 1.5 → 2, 2.5 → 3
        Assert.Equal(new double[] { 1, 2, 3, 4 }, nearest.Translate(Row(), [0], [0.5]).ToDoubleArray());
    }

    [Fact]
    public void RandomTranslation_Training_GradientMatchesFiniteDifferences()
    {
        var x = GradCheck.Random(3, -1, 1, 2, 5, 4, 2);
        double err = GradCheck.MaxError(GradCheck.Weighted(v =>
            LayerCheck.Built(new RandomTranslation(0.3, (-0.2, 0.4), fillMode: FillMode.Constant, fillValue: 0.5, seed: 2), 5, 4, 2).Call(v[0], true)), x);
        Assert.True(err < GradCheck.Tolerance, err.ToString());
    }

    [Fact]
    public void RandomTranslation_FactorOutOfRange_NamesArgument()
    {
        Assert.Contains("height_factor=1.5", Assert.Throws<ArgumentException>(() => new RandomTranslation(1.5, 0.1)).Message);
        Assert.Equal(new[] { -0.2, 0.4 }, new RandomTranslation(0.1, (0.4, -0.2)).GetConfig()["width_factor"]);
    }

    [Fact]
    public void RandomCrop_Training_CutsWindowOfInput()
    {
        var c = LayerCheck.Built(new RandomCrop(2, 3, seed: 1), 5, 6, 1);
        var x = Tensor.FromArray(Enumerable.Range(0, 30).Select(i => (double)i).ToArray(), 1, 5, 6, 1);
        var y = c.Call(x, training: true).ToDoubleArray();
        Assert.Equal(6, y.Length);
        // a window of a row-major ramp: consecutive columns differ by 1, rows by 6
        Assert.Equal(y[0] + 1, y[1]);
        Assert.Equal(y[0] + 6, y[3]);
        Assert.Equal(new Shape(2, 3, 1), c.OutputShape);
    }

    [Fact]
    public void RandomCrop_Inference_CentreCropsSameAspect()
    {
        var c = LayerCheck.Built(new RandomCrop(2, 2), 4, 4, 1);
        var x = Tensor.FromArray(Enumerable.Range(0, 16).Select(i => (double)i).ToArray(), 1, 4, 4, 1);
        // largest 1:1 window is the whole 4×4 image, resized to 2×2 with half-pixel centres: each output reads the
        // centre of a 2×2 block, the mean of its four pixels
        Assert.Equal(new double[] { 2.5, 4.5, 10.5, 12.5 }, c.Call(x).ToDoubleArray());
    }

    [Fact]
    public void RandomCrop_InferenceWiderInput_CentreCropsWithoutResize()
    {
        var c = LayerCheck.Built(new RandomCrop(2, 2), 2, 4, 1);
        var x = Tensor.FromArray(Enumerable.Range(0, 8).Select(i => (double)i).ToArray(), 1, 2, 4, 1);
        Assert.Equal(new double[] { 1, 2, 5, 6 }, c.Call(x).ToDoubleArray());
    }

    [Fact]
    public void RandomCrop_BothModes_GradientsMatchFiniteDifferences()
    {
        var x = GradCheck.Random(4, -1, 1, 2, 5, 4, 2);
        foreach (bool training in new[] { true, false })
        {
            double err = GradCheck.MaxError(GradCheck.Weighted(v => LayerCheck.Built(new RandomCrop(3, 2, seed: 1), 5, 4, 2).Call(v[0], training)), x);
            Assert.True(err < GradCheck.Tolerance, $"training={training}: {err}");
        }
    }
}
