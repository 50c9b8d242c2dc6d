namespace Convergent.Keras;

/// <summary>
/// The image data format (channel axis) of the model's spatial layers and how it was decided. Keras 1 read it
/// from <c>~/.keras/keras.json</c> (<c>'th'</c> under Theano), so a script that never says it is ambiguous:
/// then <see cref="Format"/> is null and <see cref="DecideFromData"/> asks a later step to decide from the
/// data's shape, and report it.
/// </summary>
/// <param name="Format"><c>"channels_last"</c>, <c>"channels_first"</c>, or null when not given.</param>
/// <param name="Origin">How it was decided, e.g. <c>K.set_image_dim_ordering('th') at model.py:3</c>,
/// <c>dim_ordering='th' on the layers</c>, or <c>not given in the script</c>.</param>
/// <param name="DecideFromData">True when the model has layers that depend on the format and the script
/// does not say it.</param>
public sealed record DataFormatChoice(string? Format, string Origin, bool DecideFromData);
