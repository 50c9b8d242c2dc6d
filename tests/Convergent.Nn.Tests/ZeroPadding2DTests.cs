using Convergent.Tensors;
using Convergent.Testing;

namespace Convergent.Nn.Tests;

public class ZeroPadding2DTests
{
    [Fact]
    public void ZeroPadding2D_AsymmetricChannelsLast_PlacesZerosAround()
    {
        var z = LayerCheck.Built(new ZeroPadding2D(((1, 0), (0, 2))), 1, 1, 1);
        Assert.Equal(new Shape(2, 3, 1), z.OutputShape);
        var y = z.Call(Tensor.FromArray(new double[] { 7 }, 1, 1, 1, 1)).ToDoubleArray();
        Assert.Equal(new double[] { 0, 0, 0, 7, 0, 0 }, y);
    }

    [Theory]
    [InlineData(DataFormat.ChannelsLast)]
    [InlineData(DataFormat.ChannelsFirst)]
    public void ZeroPadding2D_Gradients_MatchFiniteDifferences(DataFormat format)
    {
        var z = LayerCheck.Built(new ZeroPadding2D((1, 2), format), 3, 2, 2);
        Assert.Equal(format == DataFormat.ChannelsLast ? new Shape(5, 6, 2) : new Shape(3, 4, 6), z.OutputShape);
        LayerCheck.AssertGradients(z, GradCheck.Random(1, -1, 1, 2, 3, 2, 2));
    }

    [Fact]
    public void ZeroPadding2D_NegativePadding_NamesArgument()
    {
        Assert.Contains("padding=((-1, -1), (-1, -1))", Assert.Throws<ArgumentException>(() => new ZeroPadding2D(-1)).Message);
    }
}
