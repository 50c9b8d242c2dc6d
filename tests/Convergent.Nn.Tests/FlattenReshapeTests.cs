using Convergent.Tensors;
using Convergent.Testing;

namespace Convergent.Nn.Tests;

public class FlattenReshapeTests
{
    [Fact]
    public void Flatten_ChannelsLast_KeepsStoredOrder()
    {
        var f = LayerCheck.Built(new Flatten(), 2, 2, 3);
        var x = Tensor.FromArray(Enumerable.Range(0, 24).Select(i => (double)i).ToArray(), 2, 2, 2, 3);
        var y = f.Call(x);
        Assert.Equal(new Shape(2, 12), y.Shape);
        Assert.Equal(x.ToDoubleArray(), y.ToDoubleArray());
        Assert.Equal(new Shape(12), f.OutputShape);
    }

    [Fact]
    public void Flatten_ChannelsFirst_FlattensInChannelsLastOrderAsKeras()
    {
        // Keras moves the channel axis last before flattening: (c, h, w) = (2, 1, 2) → order (h, w, c)
        var f = LayerCheck.Built(new Flatten(DataFormat.ChannelsFirst), 2, 1, 2);
        var x = Tensor.FromArray(new double[] { 0, 1, 10, 11 }, 1, 2, 1, 2);   // channel 0: [0, 1]; channel 1: [10, 11]
        Assert.Equal(new double[] { 0, 10, 1, 11 }, f.Call(x).ToDoubleArray());
    }

    [Theory]
    [InlineData(DataFormat.ChannelsLast)]
    [InlineData(DataFormat.ChannelsFirst)]
    public void Flatten_Gradients_MatchFiniteDifferences(DataFormat format)
    {
        var f = LayerCheck.Built(new Flatten(format), 3, 2, 2);
        LayerCheck.AssertGradients(f, GradCheck.Random(1, -1, 1, 2, 3, 2, 2));
    }

    [Fact]
    public void Reshape_WithMinusOne_InfersDimension()
    {
        var r = LayerCheck.Built(new Reshape([-1, 4]), 2, 6);
        Assert.Equal(new Shape(3, 4), r.OutputShape);
        var x = GradCheck.Random(2, -1, 1, 5, 2, 6);
        Assert.Equal(new Shape(5, 3, 4), r.Call(x.Detach()).Shape);
        LayerCheck.AssertGradients(r, x);
    }

    [Fact]
    public void Reshape_SizeMismatch_NamesShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Reshape([5, -1]).ComputeOutputShape(new Shape(2, 6)));
        Assert.Contains("input_shape=(2, 6)", ex.Message);
        Assert.Contains("target_shape=(5, -1)", ex.Message);
        Assert.Throws<ArgumentException>(() => new Reshape([-1, -1]));
    }
}
