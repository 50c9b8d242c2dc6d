using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// The mean of each window; in 'same' mode a border window averages only the cells inside the input (TensorFlow's
/// count, which Keras inherits). Keras <c>keras.layers.AveragePooling2D(pool_size=(2, 2), strides=None,
/// padding="valid", data_format=None)</c>.
/// </summary>
public sealed class AveragePooling2D(Size2D? poolSize = null, Size2D? strides = null, Padding padding = Padding.Valid,
    DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) : Pooling2D(poolSize, strides, padding, dataFormat, name)
{
    protected override Tensor Forward(Tensor x, bool training) =>
        Ops.AvgPool2D(x, PoolSize.Height, PoolSize.Width, Strides.Height, Strides.Width, Padding == Padding.Same, ChannelsLast);
}
