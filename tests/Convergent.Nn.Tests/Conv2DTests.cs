using Convergent.Tensors;
using Convergent.Testing;

namespace Convergent.Nn.Tests;

public class Conv2DTests
{
    [Fact]
    public void Conv2D_32Filters5x5On3Channels_Has2432Parameters()
    {
        // 5·5·3·32 + 32 = 2,400 + 32
        var c = new Conv2D(32, 5);
        c.Build(new Shape(32, 32, 3));
        Assert.Equal(2432, c.ParameterCount);
        Assert.Equal(new Shape(5, 5, 3, 32), c.Kernel!.Shape);
        Assert.Equal(new Shape(28, 28, 32), c.OutputShape);
    }

    [Theory]
    // (in, kernel, stride, dilation, same) → out, per Keras: valid ⌊(in − (k−1)d − 1)/s⌋ + 1, same ⌈in/s⌉
    [InlineData(28, 3, 1, 1, false, 26)]
    [InlineData(28, 3, 2, 1, false, 13)]
    [InlineData(28, 3, 2, 1, true, 14)]
    [InlineData(7, 3, 1, 2, false, 3)]
    [InlineData(7, 3, 1, 2, true, 7)]
    [InlineData(5, 5, 1, 1, false, 1)]
    public void Conv2D_OutputShape_FollowsKerasFormula(int size, int k, int s, int d, bool same, int expected)
    {
        var c = new Conv2D(4, k, strides: s, dilationRate: d, padding: same ? Padding.Same : Padding.Valid);
        Assert.Equal(new Shape(expected, expected, 4), c.ComputeOutputShape(new Shape(size, size, 2)));
    }

    [Fact]
    public void Conv2D_ChannelsFirst_OutputShapeHasChannelsFirst()
    {
        var c = new Conv2D(6, (3, 2), dataFormat: DataFormat.ChannelsFirst);
        c.Build(new Shape(2, 8, 7));
        Assert.Equal(new Shape(6, 6, 6), c.OutputShape);
        Assert.Equal(new Shape(3, 2, 2, 6), c.Kernel!.Shape);
    }

    [Theory]
    [InlineData(DataFormat.ChannelsLast, Padding.Valid, 1, 1)]
    [InlineData(DataFormat.ChannelsLast, Padding.Same, 2, 1)]
    [InlineData(DataFormat.ChannelsFirst, Padding.Same, 1, 2)]
    [InlineData(DataFormat.ChannelsFirst, Padding.Valid, 2, 1)]
    public void Conv2D_Layer_GradientsMatchFiniteDifferences(DataFormat format, Padding padding, int stride, int dilation)
    {
        var c = new Conv2D(3, (3, 2), strides: stride, padding: padding, dataFormat: format, dilationRate: dilation,
            activation: Activations.Tanh, biasInitializer: new RandomUniform(-0.5, 0.5));
        int[] sample = format == DataFormat.ChannelsLast ? [6, 5, 2] : [2, 6, 5];
        LayerCheck.Built(c, sample);
        LayerCheck.AssertGradients(c, GradCheck.Random(5, -1, 1, [2, .. sample]));
    }

    [Fact]
    public void Conv2D_ChannelsFirstAndLast_AgreeOnTransposedInput()
    {
        var last = LayerCheck.Built(new Conv2D(2, 3, biasInitializer: new Constant(0.25)), 5, 5, 3);
        var first = LayerCheck.Built(new Conv2D(2, 3, dataFormat: DataFormat.ChannelsFirst, biasInitializer: new Constant(0.25)), 3, 5, 5);
        first.Kernel!.Value.CopyFrom(last.Kernel!.Value);
        var x = GradCheck.Random(6, -1, 1, 2, 5, 5, 3).Detach();
        var yLast = last.Call(x);
        var yFirst = Ops.Transpose(first.Call(Ops.Transpose(x, 0, 3, 1, 2)), 0, 2, 3, 1);
        var a = yLast.ToDoubleArray(); var b = yFirst.ToDoubleArray();
        for (int i = 0; i < a.Length; i++) Assert.Equal(a[i], b[i], 12);
    }

    [Fact]
    public void Conv2D_InvalidArguments_NameThem()
    {
        Assert.Contains("filters=0", Assert.Throws<ArgumentException>(() => new Conv2D(0, 3)).Message);
        Assert.Contains("kernel_size=(0, 3)", Assert.Throws<ArgumentException>(() => new Conv2D(4, (0, 3))).Message);
        Assert.Contains("dilation_rate", Assert.Throws<ArgumentException>(() => new Conv2D(4, 3, strides: 2, dilationRate: 2)).Message);
        Assert.Contains("groups=2", Assert.Throws<ArgumentException>(() => new Conv2D(4, 3, groups: 2)).Message);
        Assert.Contains("causal", Assert.Throws<ArgumentException>(() => new Conv2D(4, 3, padding: Padding.Causal)).Message);
    }

    [Fact]
    public void Conv2D_KernelLargerThanInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Conv2D(4, 5).Build(new Shape(3, 3, 1)));
        Assert.Throws<ArgumentException>(() => new Conv2D(4, 3).Build(new Shape(8, 8)));
    }

    [Fact]
    public void Conv2D_Config_HasKeras3Keys()
    {
        var c = new Conv2D(16, (3, 5), strides: (1, 2), padding: Padding.Same);
        var cfg = c.GetConfig();
        Assert.Equal(new[] { 3, 5 }, cfg["kernel_size"]);
        Assert.Equal(new[] { 1, 2 }, cfg["strides"]);
        Assert.Equal("same", cfg["padding"]);
        Assert.Equal("channels_last", cfg["data_format"]);
        Assert.Equal(new[] { 1, 1 }, cfg["dilation_rate"]);
        Assert.Equal("linear", cfg["activation"]);
    }
}
