using Convergent.Kernels;
using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Shared options of <see cref="MaxPooling2D"/> and <see cref="AveragePooling2D"/> (Keras's base pooling layer):
/// windows of <see cref="PoolSize"/> every <see cref="Strides"/> (default: the pool size) with 'valid' or 'same'
/// borders. Output size per spatial axis: 'valid' ⌊(in − pool)/stride⌋ + 1, 'same' ⌈in/stride⌉.
/// </summary>
public abstract class Pooling2D : Layer
{
    /// <summary>Validates and stores the options.</summary>
    protected Pooling2D(Size2D? poolSize, Size2D? strides, Padding padding, DataFormat dataFormat, string? name) : base(name)
    {
        var p = poolSize ?? 2;
        LayerArgs.Positive(p, "pool_size");
        var s = strides ?? p;
        LayerArgs.Positive(s, "strides");
        if (padding == Padding.Causal)
            throw new ArgumentException("Invalid value for argument padding: expected 'valid' or 'same'. Received: padding=causal");
        PoolSize = p;
        Strides = s;
        Padding = padding;
        DataFormat = dataFormat;
    }

    /// <summary>Window size (Keras <c>pool_size</c>, default (2, 2)).</summary>
    public Size2D PoolSize { get; }

    /// <summary>Window step (Keras <c>strides</c>; null means the pool size).</summary>
    public Size2D Strides { get; }

    public Padding Padding { get; }
    public DataFormat DataFormat { get; }

    /// <summary>Whether the channel axis is last.</summary>
    protected bool ChannelsLast => DataFormat == DataFormat.ChannelsLast;

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var (h, w, c) = LayerArgs.Image(inputShape, DataFormat, ClassName);
        var g = Pool2DGeometry.Create(1, h, w, c, PoolSize.Height, PoolSize.Width, Strides.Height, Strides.Width, Padding == Padding.Same, ChannelsLast);
        return LayerArgs.ImageShape(g.OutHeight, g.OutWidth, c, DataFormat);
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => Config(
        ("pool_size", PoolSize.ToArray()),
        ("padding", Padding.ToKeras()),
        ("strides", Strides.ToArray()),
        ("data_format", DataFormat.ToKeras()));
}
