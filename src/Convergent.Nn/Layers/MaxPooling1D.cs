using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// The maximum of each window of steps, per channel (padding in 'same' mode is never chosen); the gradient goes to each
/// window's first maximal step. Keras <c>keras.layers.MaxPooling1D(pool_size=2, strides=None, padding="valid",
/// data_format=None)</c>.
/// </summary>
public sealed class MaxPooling1D(int poolSize = 2, int? strides = null, Padding padding = Padding.Valid,
    DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) : Pooling1D(poolSize, strides, padding, dataFormat, name)
{
    protected override Tensor Forward(Tensor x, bool training) =>
        AsSequence(Ops.MaxPool2D(AsImage(x), 1, PoolSize, 1, Strides, Padding == Padding.Same, ChannelsLast));
}
