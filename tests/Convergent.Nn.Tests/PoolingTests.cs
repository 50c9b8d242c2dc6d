using Convergent.Tensors;
using Convergent.Testing;

namespace Convergent.Nn.Tests;

public class PoolingTests
{
    [Theory]
    // (in, pool, strides (0 = default = pool), same) → out: valid ⌊(in − pool)/s⌋ + 1, same ⌈in/s⌉
    [InlineData(28, 2, 0, false, 14)]
    [InlineData(7, 2, 0, false, 3)]
    [InlineData(7, 2, 0, true, 4)]
    [InlineData(7, 3, 1, false, 5)]
    [InlineData(7, 3, 2, true, 4)]
    public void Pooling2D_OutputShape_FollowsKeras(int size, int pool, int stride, bool same, int expected)
    {
        Size2D? s = stride == 0 ? null : stride;
        var padding = same ? Padding.Same : Padding.Valid;
        foreach (Layer l in new Layer[] { new MaxPooling2D(pool, s, padding), new AveragePooling2D(pool, s, padding) })
            Assert.Equal(new Shape(expected, expected, 3), l.ComputeOutputShape(new Shape(size, size, 3)));
    }

    [Fact]
    public void MaxPooling2D_Defaults_AreKeras2x2StridePool()
    {
        var p = new MaxPooling2D();
        Assert.Equal(new Size2D(2, 2), p.PoolSize);
        Assert.Equal(new Size2D(2, 2), p.Strides);
        Assert.Equal("valid", p.GetConfig()["padding"]);
        Assert.Equal("max_pooling2d", p.DefaultBaseName);
        Assert.Equal("global_average_pooling2d", new GlobalAveragePooling2D().DefaultBaseName);
    }

    public static TheoryData<string, DataFormat> Layers => new()
    {
        { "max", DataFormat.ChannelsLast }, { "max_same", DataFormat.ChannelsFirst }, { "avg", DataFormat.ChannelsFirst },
        { "avg_same", DataFormat.ChannelsLast }, { "gavg", DataFormat.ChannelsLast }, { "gmax_keep", DataFormat.ChannelsFirst },
    };

    private static Layer Make(string name, DataFormat f) => name switch
    {
        "max" => new MaxPooling2D(dataFormat: f),
        "max_same" => new MaxPooling2D(3, 2, Padding.Same, f),
        "avg" => new AveragePooling2D((2, 3), 1, dataFormat: f),
        "avg_same" => new AveragePooling2D(2, padding: Padding.Same, dataFormat: f),
        "gavg" => new GlobalAveragePooling2D(f),
        "gmax_keep" => new GlobalMaxPooling2D(f, keepDims: true),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void PoolingLayers_Gradients_MatchFiniteDifferences(string name, DataFormat format)
    {
        int[] sample = format == DataFormat.ChannelsLast ? [5, 5, 2] : [2, 5, 5];
        var layer = LayerCheck.Built(Make(name, format), sample);
        var x = GradCheck.Random(3, -1, 1, [2, .. sample]);
        Assert.Equal(layer.OutputShape, new Shape(layer.Call(x.Detach()).Shape.ToArray()[1..]));
        LayerCheck.AssertGradients(layer, x);
    }

    [Fact]
    public void GlobalPooling_KeepDims_OutputShape()
    {
        Assert.Equal(new Shape(1, 1, 8), new GlobalMaxPooling2D(keepDims: true).ComputeOutputShape(new Shape(4, 4, 8)));
        Assert.Equal(new Shape(8), new GlobalAveragePooling2D().ComputeOutputShape(new Shape(4, 4, 8)));
        Assert.Equal(new Shape(8, 1, 1), new GlobalAveragePooling2D(DataFormat.ChannelsFirst, true).ComputeOutputShape(new Shape(8, 4, 4)));
    }

    [Fact]
    public void Pooling2D_InvalidPoolSize_NamesArgument()
    {
        Assert.Contains("pool_size=(0, 2)", Assert.Throws<ArgumentException>(() => new MaxPooling2D((0, 2))).Message);
        Assert.Throws<ArgumentException>(() => new MaxPooling2D(3).ComputeOutputShape(new Shape(2, 2, 1)));
    }
}
