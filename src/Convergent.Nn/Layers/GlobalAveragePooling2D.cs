using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Mean of each channel over height and width. Keras <c>keras.layers.GlobalAveragePooling2D(data_format=None,
/// keepdims=False)</c>.</summary>
public sealed class GlobalAveragePooling2D(DataFormat dataFormat = DataFormat.ChannelsLast, bool keepDims = false, string? name = null)
    : GlobalPooling2D(dataFormat, keepDims, name)
{
    protected override Tensor Forward(Tensor x, bool training) => Shaped(Ops.GlobalAvgPool2D(x, ChannelsLast));
}
