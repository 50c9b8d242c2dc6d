namespace Convergent.Nn;

/// <summary>Where the channel axis of image-like inputs is (Keras <c>data_format</c>).</summary>
public enum DataFormat
{
    /// <summary><c>"channels_last"</c>: (batch, height, width, channels) — Keras's default.</summary>
    ChannelsLast,
    /// <summary><c>"channels_first"</c>: (batch, channels, height, width) — PyTorch's layout.</summary>
    ChannelsFirst,
}
