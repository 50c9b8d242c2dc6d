using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Shared options of <see cref="GlobalAveragePooling1D"/> and <see cref="GlobalMaxPooling1D"/>: one value per channel
/// over all steps, (steps, c) → (c), or (1, c) — (c, 1) channels-first — with <see cref="KeepDims"/>. Computed as the
/// global 2-D pooling of a height-1 image.
/// </summary>
public abstract class GlobalPooling1D : Layer
{
    /// <summary>Stores the options.</summary>
    protected GlobalPooling1D(DataFormat dataFormat, bool keepDims, string? name) : base(name)
    {
        DataFormat = dataFormat;
        KeepDims = keepDims;
    }

    public DataFormat DataFormat { get; }

    /// <summary>Whether the steps axis stays as size 1 (Keras <c>keepdims</c>, default false).</summary>
    public bool KeepDims { get; }

    /// <summary>Whether the channel axis is last.</summary>
    protected bool ChannelsLast => DataFormat == DataFormat.ChannelsLast;

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var (_, c) = Pooling1D.Sequence(inputShape, DataFormat, ClassName);
        return !KeepDims ? new Shape(c) : ChannelsLast ? new Shape(1, c) : new Shape(c, 1);
    }

    /// <summary>(N, steps, C) or (N, C, steps) as a height-1 image.</summary>
    protected Tensor AsImage(Tensor x) => ChannelsLast
        ? Ops.Reshape(x, x.Shape[0], 1, x.Shape[1], x.Shape[2])
        : Ops.Reshape(x, x.Shape[0], x.Shape[1], 1, x.Shape[2]);

    /// <summary>The (N, C) result, reshaped for <see cref="KeepDims"/>.</summary>
    protected Tensor Shaped(Tensor pooled) =>
        !KeepDims ? pooled
        : ChannelsLast ? Ops.Reshape(pooled, pooled.Shape[0], 1, pooled.Shape[1])
        : Ops.Reshape(pooled, pooled.Shape[0], pooled.Shape[1], 1);

    public override IReadOnlyDictionary<string, object?> GetConfig() => Config(
        ("data_format", DataFormat.ToKeras()), ("keepdims", KeepDims));
}
