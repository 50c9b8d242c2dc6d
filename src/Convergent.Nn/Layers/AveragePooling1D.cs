using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// The mean of each window of steps, per channel; in 'same' mode the padding is not counted (a border window averages
/// only the steps it covers, as Keras does). Keras <c>keras.layers.AveragePooling1D(pool_size=2, strides=None,
/// padding="valid", data_format=None)</c>.
/// </summary>
public sealed class AveragePooling1D(int poolSize = 2, int? strides = null, Padding padding = Padding.Valid,
    DataFormat dataFormat = DataFormat.ChannelsLast, string? name = null) : Pooling1D(poolSize, strides, padding, dataFormat, name)
{
    protected override Tensor Forward(Tensor x, bool training) =>
        AsSequence(Ops.AvgPool2D(AsImage(x), 1, PoolSize, 1, Strides, Padding == Padding.Same, ChannelsLast));
}
