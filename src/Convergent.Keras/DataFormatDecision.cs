using Convergent.Nn;

namespace Convergent.Keras;

/// <summary>The image data format the model was built with, and why.</summary>
/// <param name="Format">The format of the image layers, or null when no layer depends on it.</param>
/// <param name="Reason">Why, for the report, e.g. <c>data samples (400, 400, 1) are channels-last; the script's
/// input_shape (1, 400, 400) is Theano channels-first</c>.</param>
/// <param name="FromData">True when the data's shape decided it.</param>
public sealed record DataFormatDecision(DataFormat? Format, string Reason, bool FromData)
{
    /// <summary><c>channels_first (…reason…)</c>.</summary>
    public override string ToString() =>
        (Format switch { DataFormat.ChannelsFirst => "channels_first", DataFormat.ChannelsLast => "channels_last", _ => "none" }) +
        $" ({Reason})";
}
