namespace Convergent.Kernels.Tests.Pooling;

public sealed class Pool2DGeometryTests
{
    [Theory]
    // in, pool, stride, same → out, padBefore (worked by hand from the Keras/TensorFlow formulas)
    [InlineData(5, 2, 2, false, 2, 0)] // floor((5 − 2)/2) + 1 = 2
    [InlineData(5, 2, 2, true, 3, 0)] // ceil(5/2) = 3; pad_total = max(2·2 + 2 − 5, 0) = 1 → top 0, bottom 1
    [InlineData(3, 3, 1, true, 3, 1)] // ceil(3/1) = 3; pad_total = 2·1 + 3 − 3 = 2 → 1 and 1
    [InlineData(6, 3, 2, true, 3, 0)] // ceil(6/2) = 3; pad_total = 2·2 + 3 − 6 = 1 → 0 and 1
    [InlineData(7, 4, 3, true, 3, 1)] // ceil(7/3) = 3; pad_total = 2·3 + 4 − 7 = 3 → 1 and 2
    [InlineData(7, 4, 3, false, 2, 0)] // floor(3/3) + 1 = 2
    [InlineData(4, 1, 3, true, 2, 0)] // ceil(4/3) = 2; pad_total = max(3 + 1 − 4, 0) = 0
    [InlineData(4, 4, 4, false, 1, 0)]
    public void Create_KerasFormulas_GiveSizeAndPadding(int input, int pool, int stride, bool same, int output, int padBefore)
    {
        var g = Pool2DGeometry.Create(2, input, input + 1, 3, pool, pool, stride, stride, same, channelsLast: true);
        Assert.Equal(output, g.OutHeight);
        Assert.Equal(padBefore, g.PadTop);
        var twin = new PoolingTwin(2, input, input + 1, 3, pool, pool, stride, stride, same, true);
        Assert.Equal(twin.OutWidth, g.OutWidth);
        Assert.Equal(twin.PadLeft, g.PadLeft);
        Assert.Equal(2 * input * (input + 1) * 3, g.InputLength);
        Assert.Equal(2 * g.OutHeight * g.OutWidth * 3, g.OutputLength);
    }

    [Theory]
    [InlineData(3, 4, 4, 2, "poolHeight")]
    [InlineData(4, 3, 2, 4, "poolWidth")]
    public void Create_ValidPoolLargerThanInput_ThrowsNamingPoolArgument(int inH, int inW, int poolH, int poolW, string parameter)
    {
        var e = Assert.Throws<ArgumentException>(() => Pool2DGeometry.Create(1, inH, inW, 1, poolH, poolW, 1, 1, false, true));
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains("valid", e.Message);
    }

    [Fact]
    public void Create_SamePoolLargerThanInput_IsAllowed()
    {
        var g = Pool2DGeometry.Create(1, 2, 2, 1, 5, 5, 1, 1, samePadding: true, channelsLast: false);
        Assert.Equal((2, 2), (g.OutHeight, g.OutWidth));
        Assert.Equal((2, 2), (g.PadTop, g.PadLeft)); // pad_total = 1 + 5 − 2 = 4
    }

    [Theory]
    [InlineData("batch")]
    [InlineData("inHeight")]
    [InlineData("channels")]
    [InlineData("poolWidth")]
    [InlineData("strideHeight")]
    public void Create_NonPositiveSize_ThrowsNamingIt(string parameter)
    {
        int V(string name) => name == parameter ? 0 : 2;
        var e = Assert.Throws<ArgumentException>(() => Pool2DGeometry.Create(V("batch"), V("inHeight"), V("inWidth"), V("channels"),
            V("poolHeight"), V("poolWidth"), V("strideHeight"), V("strideWidth"), false, true));
        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void Kernels_InconsistentHandBuiltGeometry_Throw()
    {
        // A window lying wholly in the padding (PadTop ≥ PoolHeight) would have nothing to pool.
        var g = new Pool2DGeometry(1, 4, 4, 1, 2, 2, 2, 2, PadTop: 2, PadLeft: 0, OutHeight: 2, OutWidth: 2, ChannelsLast: true);
        Assert.Equal("g", Assert.Throws<ArgumentException>(() => MaxPool2D.Forward<float>(g, new float[16], new float[4])).ParamName);
        var ok = Pool2DGeometry.Create(1, 4, 4, 1, 2, 2, 2, 2, false, true);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => AvgPool2D.Forward<float>(ok, new float[16], new float[5])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => MaxPool2D.Backward<float>(ok, new float[15], new float[4], new float[16])).ParamName);
        Assert.Equal("dx", Assert.Throws<ArgumentException>(() => MaxPool2D.Backward<float>(ok, new float[16], new float[4], new float[17])).ParamName);
    }
}
