using Convergent.Kernels;
using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Shared options of <see cref="MaxPooling1D"/> and <see cref="AveragePooling1D"/>: windows of <see cref="PoolSize"/>
/// steps every <see cref="Strides"/> steps (default: the pool size) over (steps, channels) — or (channels, steps) for
/// channels-first — with 'valid' or 'same' borders. Output steps: 'valid' ⌊(steps − pool)/stride⌋ + 1, 'same'
/// ⌈steps/stride⌉. Computed as the 2-D pooling of a height-1 image, so forward and backward are the 2-D ops'.
/// </summary>
public abstract class Pooling1D : Layer
{
    /// <summary>Validates and stores the options.</summary>
    protected Pooling1D(int poolSize, int? strides, Padding padding, DataFormat dataFormat, string? name) : base(name)
    {
        if (poolSize < 1) throw new ArgumentException($"Invalid value for argument pool_size: expected a positive integer. Received: pool_size={poolSize}");
        int s = strides ?? poolSize;
        if (s < 1) throw new ArgumentException($"Invalid value for argument strides: expected a positive integer. Received: strides={s}");
        if (padding == Padding.Causal)
            throw new ArgumentException("Invalid value for argument padding: expected 'valid' or 'same'. Received: padding=causal");
        PoolSize = poolSize;
        Strides = s;
        Padding = padding;
        DataFormat = dataFormat;
    }

    /// <summary>Window length in steps (Keras <c>pool_size</c>, Keras 1 <c>pool_length</c>; default 2).</summary>
    public int PoolSize { get; }

    /// <summary>Window step (Keras <c>strides</c>, Keras 1 <c>stride</c>; null means the pool size).</summary>
    public int Strides { get; }

    public Padding Padding { get; }
    public DataFormat DataFormat { get; }

    /// <summary>Whether the channel axis is last.</summary>
    protected bool ChannelsLast => DataFormat == DataFormat.ChannelsLast;

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var (steps, c) = Sequence(inputShape, DataFormat, ClassName);
        var g = Pool2DGeometry.Create(1, 1, steps, c, 1, PoolSize, 1, Strides, Padding == Padding.Same, ChannelsLast);
        return ChannelsLast ? new Shape(g.OutWidth, c) : new Shape(c, g.OutWidth);
    }

    /// <summary>(steps, channels) of a rank-2 sample shape, or an error naming the layer and the shape.</summary>
    internal static (int Steps, int Channels) Sequence(Shape s, DataFormat f, string layer)
    {
        if (s.Rank != 2)
            throw new ArgumentException($"{layer} expects inputs of rank 3 (batch, {(f == DataFormat.ChannelsLast ? "steps, channels" : "channels, steps")}). "
                + $"Received input shape: (None, {string.Join(", ", s)})");
        return f == DataFormat.ChannelsLast ? (s[0], s[1]) : (s[1], s[0]);
    }

    /// <summary>(N, steps, C) as the height-1 image (N, 1, steps, C), or (N, C, steps) as (N, C, 1, steps).</summary>
    protected Tensor AsImage(Tensor x) => ChannelsLast
        ? Ops.Reshape(x, x.Shape[0], 1, x.Shape[1], x.Shape[2])
        : Ops.Reshape(x, x.Shape[0], x.Shape[1], 1, x.Shape[2]);

    /// <summary>The height-1 image back as a sequence.</summary>
    protected Tensor AsSequence(Tensor image) => ChannelsLast
        ? Ops.Reshape(image, image.Shape[0], image.Shape[2], image.Shape[3])
        : Ops.Reshape(image, image.Shape[0], image.Shape[1], image.Shape[3]);

    public override IReadOnlyDictionary<string, object?> GetConfig() => Config(
        ("pool_size", new[] { PoolSize }),
        ("padding", Padding.ToKeras()),
        ("strides", new[] { Strides }),
        ("data_format", DataFormat.ToKeras()));
}
