using Convergent.Tensors;
using Convergent.Testing;

namespace Convergent.Nn.Tests;

public class Pooling1DTests
{
    // one sequence of 5 steps, 1 channel: 1 3 2 5 4
    /// <summary>Equal up to the rounding of a few double operations.</summary>
    internal static void AssertClose(double[] expected, double[] actual, double tolerance = 1e-12)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }

    private static Tensor Steps() => Tensor.FromArray(new double[] { 1, 3, 2, 5, 4 }, 1, 5, 1);

    [Theory]
    // (steps, pool, strides (0 = default = pool), same) → out: valid ⌊(steps − pool)/s⌋ + 1, same ⌈steps/s⌉
    [InlineData(98, 2, 0, false, 49)]
    [InlineData(7, 2, 0, false, 3)]
    [InlineData(7, 2, 0, true, 4)]
    [InlineData(7, 3, 1, false, 5)]
    [InlineData(7, 3, 2, true, 4)]
    public void Pooling1D_OutputShape_FollowsKeras(int steps, int pool, int stride, bool same, int expected)
    {
        int? s = stride == 0 ? null : stride;
        var padding = same ? Padding.Same : Padding.Valid;
        foreach (Layer l in new Layer[] { new MaxPooling1D(pool, s, padding), new AveragePooling1D(pool, s, padding) })
        {
            Assert.Equal(new Shape(expected, 3), l.ComputeOutputShape(new Shape(steps, 3)));
        }

        Assert.Equal(new Shape(3, expected), new MaxPooling1D(pool, s, padding, DataFormat.ChannelsFirst).ComputeOutputShape(new Shape(3, steps)));
    }

    [Fact]
    public void MaxPooling1D_ValidAndSame_WindowMaxima()
    {
        Assert.Equal(new double[] { 3, 5 }, LayerCheck.Built(new MaxPooling1D(), 5, 1).Call(Steps()).ToDoubleArray());
        // 'same': ⌈5/2⌉ = 3 windows, the last holds step 5 alone
        Assert.Equal(new double[] { 3, 5, 4 }, LayerCheck.Built(new MaxPooling1D(padding: Padding.Same), 5, 1).Call(Steps()).ToDoubleArray());
    }

    [Fact]
    public void AveragePooling1D_Same_PaddingNotCounted()
    {
        // pool 2: (1+3)/2, (2+5)/2, 4/1
        Assert.Equal(new double[] { 2, 3.5, 4 }, LayerCheck.Built(new AveragePooling1D(padding: Padding.Same), 5, 1).Call(Steps()).ToDoubleArray());
        // pool 3 stride 1: one padded step each side, windows (1 3) (1 3 2) (3 2 5) (2 5 4) (5 4)
        var y = LayerCheck.Built(new AveragePooling1D(3, 1, Padding.Same), 5, 1).Call(Steps()).ToDoubleArray();
        AssertClose([2, 2, 10 / 3.0, 11 / 3.0, 4.5], y);
    }

    [Fact]
    public void MaxPooling1D_ChannelsFirst_PoolsEachChannelOverSteps()
    {
        // (batch 1, channels 2, steps 4): channel 0 = 1 4 2 3, channel 1 = −1 −2 0 7
        var x = Tensor.FromArray(new double[] { 1, 4, 2, 3, -1, -2, 0, 7 }, 1, 2, 4);
        var y = LayerCheck.Built(new MaxPooling1D(dataFormat: DataFormat.ChannelsFirst), 2, 4).Call(x);
        Assert.Equal(new[] { 1, 2, 2 }, y.Shape.ToArray());
        Assert.Equal(new double[] { 4, 3, -1, 7 }, y.ToDoubleArray());
    }

    [Fact]
    public void GlobalPooling1D_MeanAndMaxPerChannel_KeepDims()
    {
        // 3 steps × 2 channels: (1, 2) (3, −1) (5, 0)
        var x = Tensor.FromArray(new double[] { 1, 2, 3, -1, 5, 0 }, 1, 3, 2);
        AssertClose([3, 1 / 3.0], LayerCheck.Built(new GlobalAveragePooling1D(), 3, 2).Call(x).ToDoubleArray());
        Assert.Equal(new double[] { 5, 2 }, LayerCheck.Built(new GlobalMaxPooling1D(), 3, 2).Call(x).ToDoubleArray());
        Assert.Equal(new[] { 1, 1, 2 }, LayerCheck.Built(new GlobalMaxPooling1D(keepDims: true), 3, 2).Call(x).Shape.ToArray());
        Assert.Equal(new Shape(2, 1), new GlobalAveragePooling1D(DataFormat.ChannelsFirst, true).ComputeOutputShape(new Shape(2, 3)));
    }

    public static TheoryData<string, DataFormat> Layers => new()
    {
        { "max", DataFormat.ChannelsLast }, { "max_same", DataFormat.ChannelsFirst }, { "avg", DataFormat.ChannelsFirst },
        { "avg_same", DataFormat.ChannelsLast }, { "gavg", DataFormat.ChannelsLast }, { "gmax_keep", DataFormat.ChannelsFirst },
    };

    private static Layer Make(string name, DataFormat f) => name switch
    {
        "max" => new MaxPooling1D(dataFormat: f),
        "max_same" => new MaxPooling1D(3, 2, Padding.Same, f),
        "avg" => new AveragePooling1D(3, 1, dataFormat: f),
        "avg_same" => new AveragePooling1D(2, padding: Padding.Same, dataFormat: f),
        "gavg" => new GlobalAveragePooling1D(f),
        "gmax_keep" => new GlobalMaxPooling1D(f, keepDims: true),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void Pooling1DLayers_Gradients_MatchFiniteDifferences(string name, DataFormat format)
    {
        int[] sample = format == DataFormat.ChannelsLast ? [7, 3] : [3, 7];
        var layer = LayerCheck.Built(Make(name, format), sample);
        var x = GradCheck.Random(4, -1, 1, [2, .. sample]);
        Assert.Equal(layer.OutputShape, new Shape(layer.Call(x.Detach()).Shape.ToArray()[1..]));
        LayerCheck.AssertGradients(layer, x);
    }

    [Fact]
    public void Pooling1D_DefaultsConfigAndErrors()
    {
        var p = new MaxPooling1D();
        Assert.Equal((2, 2), (p.PoolSize, p.Strides));
        Assert.Equal(new[] { 2 }, p.GetConfig()["strides"]);
        Assert.Equal("max_pooling1d", p.DefaultBaseName);
        Assert.Equal("global_average_pooling1d", new GlobalAveragePooling1D().DefaultBaseName);
        Assert.Contains("pool_size=0", Assert.Throws<ArgumentException>(() => new AveragePooling1D(0)).Message);
        Assert.Contains("expects inputs of rank 3", Assert.Throws<ArgumentException>(() => new MaxPooling1D().ComputeOutputShape(new Shape(4, 4, 1))).Message);
        Assert.Throws<ArgumentException>(() => new MaxPooling1D(3).ComputeOutputShape(new Shape(2, 1)));
    }
}
