using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Mean of each channel over the steps. Keras <c>keras.layers.GlobalAveragePooling1D(data_format=None,
/// keepdims=False)</c>.</summary>
public sealed class GlobalAveragePooling1D(DataFormat dataFormat = DataFormat.ChannelsLast, bool keepDims = false, string? name = null)
    : GlobalPooling1D(dataFormat, keepDims, name)
{
    protected override Tensor Forward(Tensor x, bool training) => Shaped(Ops.GlobalAvgPool2D(AsImage(x), ChannelsLast));
}
