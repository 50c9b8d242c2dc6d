namespace Convergent.Nn;

/// <summary>Keras strings for the layer enums (configuration values) and shared argument checks.</summary>
internal static class LayerArgs
{
    public static string ToKeras(this Padding p) => p switch { Padding.Valid => "valid", Padding.Same => "same", _ => "causal" };

    public static string ToKeras(this DataFormat f) => f == DataFormat.ChannelsLast ? "channels_last" : "channels_first";

    /// <summary>Both components positive, else "… Received: kernel_size=(0, 3)".</summary>
    public static void Positive(Size2D s, string name)
    {
        if (s.Height <= 0 || s.Width <= 0)
            throw new ArgumentException($"Invalid value for argument {name}: expected positive integers. Received: {name}={s}");
    }

    /// <summary>(height, width, channels) of an image shape without the batch axis, or a message naming the layer.</summary>
    public static (int H, int W, int C) Image(Shape s, DataFormat f, string layer)
    {
        if (s.Rank != 3)
            throw new ArgumentException($"{layer} expects inputs of rank 4 (batch, {(f == DataFormat.ChannelsLast ? "height, width, channels" : "channels, height, width")}). Received input shape: (None, {string.Join(", ", s)})");
        return f == DataFormat.ChannelsLast ? (s[0], s[1], s[2]) : (s[1], s[2], s[0]);
    }

    /// <summary>An image shape in the given format.</summary>
    public static Shape ImageShape(int h, int w, int c, DataFormat f) => f == DataFormat.ChannelsLast ? new Shape(h, w, c) : new Shape(c, h, w);
}
