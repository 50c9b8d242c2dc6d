using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Maximum of each channel over the steps; the gradient goes to the first maximal step. Keras
/// <c>keras.layers.GlobalMaxPooling1D(data_format=None, keepdims=False)</c>.</summary>
public sealed class GlobalMaxPooling1D(DataFormat dataFormat = DataFormat.ChannelsLast, bool keepDims = false, string? name = null)
    : GlobalPooling1D(dataFormat, keepDims, name)
{
    protected override Tensor Forward(Tensor x, bool training) => Shaped(Ops.GlobalMaxPool2D(AsImage(x), ChannelsLast));
}
