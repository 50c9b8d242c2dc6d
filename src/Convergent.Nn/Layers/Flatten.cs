using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Flattens every axis but the batch axis: (batch, d₁, …, dₖ) → (batch, d₁·…·dₖ). With channels_first, the channel
/// axis is first moved last — (batch, c, h, w) is flattened in (h, w, c) order — exactly as Keras does, so a Dense
/// layer after it sees the same feature order in both formats. Keras <c>keras.layers.Flatten(data_format=None)</c>.
/// </summary>
public sealed class Flatten(DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) : Layer(name)
{
    public DataFormat DataFormat { get; } = dataFormat;

    public override Shape ComputeOutputShape(Shape inputShape) => new(inputShape.Size);

    protected override Tensor Forward(Tensor x, bool training)
    {
        if (DataFormat == DataFormat.ChannelsFirst && x.Rank > 2)
            x = Ops.Transpose(x, [0, .. Enumerable.Range(2, x.Rank - 2), 1]);
        return Ops.Reshape(x, x.Shape[0], x.Size / Math.Max(x.Shape[0], 1));
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => Config(("data_format", DataFormat.ToKeras()));
}
