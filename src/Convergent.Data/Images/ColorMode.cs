namespace Convergent.Data;

/// <summary>Channels an image loader produces (Keras's <c>color_mode</c>).</summary>
public enum ColorMode
{
    /// <summary>One channel (luma, see <see cref="Image.ToChannels"/>).</summary>
    Grayscale,
    /// <summary>Three channels, R G B (the Keras default).</summary>
    Rgb,
    /// <summary>Four channels, R G B A (opaque images get alpha 255).</summary>
    Rgba,
}
