using Convergent.Tensors;
using Convergent.Testing;

namespace Convergent.Nn.Tests;

public class Conv1DTests
{
    [Theory]
    [InlineData(Padding.Valid, 1, 1, 8)]
    [InlineData(Padding.Same, 2, 1, 5)]
    [InlineData(Padding.Causal, 1, 2, 10)]
    public void Conv1D_OutputShape_FollowsKeras(Padding padding, int stride, int dilation, int expectedSteps)
    {
        // valid: 10 − 3 + 1 = 8; same stride 2: ⌈10/2⌉ = 5; causal keeps the length
        var c = new Conv1D(4, 3, strides: stride, padding: padding, dilationRate: dilation);
        c.Build(new Shape(10, 2));
        Assert.Equal(new Shape(expectedSteps, 4), c.OutputShape);
        Assert.Equal(3 * 2 * 4 + 4, c.ParameterCount);
    }

    [Theory]
    [InlineData(DataFormat.ChannelsLast, Padding.Valid)]
    [InlineData(DataFormat.ChannelsLast, Padding.Causal)]
    [InlineData(DataFormat.ChannelsFirst, Padding.Same)]
    public void Conv1D_Layer_GradientsMatchFiniteDifferences(DataFormat format, Padding padding)
    {
        var c = new Conv1D(3, 3, padding: padding, dataFormat: format, dilationRate: 2, biasInitializer: new Constant(0.1));
        int[] sample = format == DataFormat.ChannelsLast ? [7, 2] : [2, 7];
        LayerCheck.Built(c, sample);
        LayerCheck.AssertGradients(c, GradCheck.Random(8, -1, 1, [2, .. sample]));
    }

    [Fact]
    public void Conv1D_Causal_OutputDependsOnlyOnPast()
    {
        var c = LayerCheck.Built(new Conv1D(1, 3, padding: Padding.Causal, kernelInitializer: new Ones()), 5, 1);
        var y = c.Call(Tensor.FromArray(new double[] { 1, 2, 3, 4, 5 }, 1, 5, 1)).ToDoubleArray();
        // running sums of the last three inputs with zeros before the start
        Assert.Equal(new double[] { 1, 3, 6, 9, 12 }, y);
    }
}
