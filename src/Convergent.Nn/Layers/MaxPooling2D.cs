using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// The maximum of each window (padding in 'same' mode is never chosen); the gradient goes to each window's first
/// maximal cell. Keras <c>keras.layers.MaxPooling2D(pool_size=(2, 2), strides=None, padding="valid",
/// data_format=None)</c>.
/// </summary>
public sealed class MaxPooling2D(Size2D? poolSize = null, Size2D? strides = null, Padding padding = Padding.Valid,
    DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) : Pooling2D(poolSize, strides, padding, dataFormat, name)
{
    protected override Tensor Forward(Tensor x, bool training) =>
        Ops.MaxPool2D(x, PoolSize.Height, PoolSize.Width, Strides.Height, Strides.Width, Padding == Padding.Same, ChannelsLast);
}
