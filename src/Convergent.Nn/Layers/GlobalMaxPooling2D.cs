using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Maximum of each channel over height and width; the gradient goes to the first maximal cell. Keras
/// <c>keras.layers.GlobalMaxPooling2D(data_format=None, keepdims=False)</c>.</summary>
public sealed class GlobalMaxPooling2D(DataFormat dataFormat = DataFormat.ChannelsLast, bool keepDims = false, string? name = null)
    : GlobalPooling2D(dataFormat, keepDims, name)
{
    protected override Tensor Forward(Tensor x, bool training) => Shaped(Ops.GlobalMaxPool2D(x, ChannelsLast));
}
