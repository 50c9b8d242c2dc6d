using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Shared options of <see cref="GlobalAveragePooling2D"/> and <see cref="GlobalMaxPooling2D"/>: one value per channel
/// over all of height and width, (h, w, c) → (c), or (1, 1, c) with <see cref="KeepDims"/>.
/// </summary>
public abstract class GlobalPooling2D : Layer
{
    /// <summary>Stores the options.</summary>
    protected GlobalPooling2D(DataFormat dataFormat, bool keepDims, string? name) : base(name)
    {
        DataFormat = dataFormat;
        KeepDims = keepDims;
    }

    public DataFormat DataFormat { get; }

    /// <summary>Whether the spatial axes stay as size 1 (Keras <c>keepdims</c>, default false).</summary>
    public bool KeepDims { get; }

    /// <summary>Whether the channel axis is last.</summary>
    protected bool ChannelsLast => DataFormat == DataFormat.ChannelsLast;

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var (_, _, c) = LayerArgs.Image(inputShape, DataFormat, ClassName);
        return KeepDims ? LayerArgs.ImageShape(1, 1, c, DataFormat) : new Shape(c);
    }

    /// <summary>The (N, C) result, reshaped for <see cref="KeepDims"/>.</summary>
    protected Tensor Shaped(Tensor pooled) =>
        !KeepDims ? pooled
        : ChannelsLast ? Ops.Reshape(pooled, pooled.Shape[0], 1, 1, pooled.Shape[1])
        : Ops.Reshape(pooled, pooled.Shape[0], pooled.Shape[1], 1, 1);

    public override IReadOnlyDictionary<string, object?> GetConfig() => Config(
        ("data_format", DataFormat.ToKeras()), ("keepdims", KeepDims));
}
