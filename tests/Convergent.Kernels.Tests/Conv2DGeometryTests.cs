namespace Convergent.Kernels.Tests;

public sealed class Conv2DGeometryTests
{
    [Theory]
    // in, k, stride, dilation, same → out, padTop, padBottom; expectations from the TensorFlow formulas
    // (tf.nn.conv2d padding docs) worked by hand.
    [InlineData(5, 3, 2, 1, true, 3, 1, 1)]
    [InlineData(6, 3, 2, 1, true, 3, 0, 1)]
    [InlineData(28, 3, 1, 1, false, 26, 0, 0)]
    [InlineData(7, 3, 1, 2, false, 3, 0, 0)]
    [InlineData(32, 3, 1, 1, true, 32, 1, 1)]
    [InlineData(56, 5, 1, 1, true, 56, 2, 2)]
    [InlineData(4, 4, 1, 1, true, 4, 1, 2)]
    [InlineData(10, 1, 3, 1, true, 4, 0, 0)]
    [InlineData(10, 3, 3, 1, false, 3, 0, 0)]
    [InlineData(7, 3, 1, 3, true, 7, 3, 3)]
    [InlineData(400, 400, 1, 1, false, 1, 0, 0)]
    [InlineData(3, 5, 1, 1, true, 3, 2, 2)]
    public void Create_KerasPaddingRules_GiveExpectedSizes(int inSize, int kernel, int stride, int dilation, bool same,
        int expectedOut, int expectedPadBefore, int expectedPadAfter)
    {
        var g = Conv2DGeometry.Create(2, inSize, inSize, 3, 4, kernel, kernel, stride, stride, dilation, dilation, same, true);
        Assert.Equal((expectedOut, expectedPadBefore, expectedPadAfter), (g.OutHeight, g.PadTop, g.PadBottom));
        Assert.Equal((expectedOut, expectedPadBefore, expectedPadAfter), (g.OutWidth, g.PadLeft, g.PadRight));
    }

    [Fact]
    public void Create_RectangularSame_SetsEachAxisIndependently()
    {
        // H: in 5, k 3, s 2 → out 3, pad total 2 → top 1. W: in 6, k 2, s 1 → out 6, pad total 1 → left 0, right 1.
        var g = Conv2DGeometry.Create(1, 5, 6, 2, 3, 3, 2, 2, 1, 1, 1, samePadding: true, channelsLast: false);
        Assert.Equal((3, 6, 1, 0, 1, 1), (g.OutHeight, g.OutWidth, g.PadTop, g.PadLeft, g.PadBottom, g.PadRight));
        Assert.False(g.ChannelsLast);
    }

    [Fact]
    public void Lengths_Conv28x28x1To32_AreProducts()
    {
        var g = Conv2DGeometry.Create(64, 28, 28, 1, 32, 3, 3, 1, 1, 1, 1, false, true);
        Assert.Equal(64 * 28 * 28 * 1, g.InputLength);
        Assert.Equal(64 * 26 * 26 * 32, g.OutputLength);
        Assert.Equal(3 * 3 * 1 * 32, g.KernelLength);
    }

    [Fact]
    public void Create_ValidKernelLargerThanInput_ThrowsNamingKernel()
    {
        var ex = Assert.Throws<ArgumentException>(() => Conv2DGeometry.Create(1, 3, 3, 1, 1, 5, 5, 1, 1, 1, 1, false, true));
        Assert.Equal("kernelHeight", ex.ParamName);
        Assert.Contains("kernel 5x5", ex.Message);
        Assert.Contains("larger than padded input 3x3", ex.Message);
    }

    [Fact]
    public void Create_DilatedKernelLargerThanInput_Throws()
    {
        // 3 taps at dilation 4 span 9 columns, more than the 8 available.
        var ex = Assert.Throws<ArgumentException>(() => Conv2DGeometry.Create(1, 20, 8, 1, 1, 3, 3, 1, 1, 4, 4, false, true));
        Assert.Equal("kernelWidth", ex.ParamName);
    }

    [Theory]
    [InlineData("batch")]
    [InlineData("inChannels")]
    [InlineData("strideWidth")]
    [InlineData("dilationHeight")]
    public void Create_NonPositiveArgument_ThrowsNamingIt(string name)
    {
        int Arg(string n) => n == name ? 0 : 1;
        var ex = Assert.Throws<ArgumentException>(() => Conv2DGeometry.Create(Arg("batch"), 5, 5, Arg("inChannels"), 1, 3, 3,
            1, Arg("strideWidth"), Arg("dilationHeight"), 1, true, true));
        Assert.Equal(name, ex.ParamName);
        Assert.Contains($"{name}=0", ex.Message);
    }
}
