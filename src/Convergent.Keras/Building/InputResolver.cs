using Convergent.Nn;
using Convergent.Tensors;

namespace Convergent.Keras.Building;

/// <summary>
/// Decides the model's input shape and image data format from the script (input_shape, data_format,
/// dim_ordering, set_image_data_format) and, when given, the data's sample shape — which is the truth about where
/// the channels are. A script's channels-first <c>input_shape=(1, 400, 400)</c> with channels-last data
/// (N, 400, 400, 1) builds a channels-last model on (400, 400, 1); shapes that are not the same dimensions are an
/// error naming both and the first layer.
/// </summary>
internal static class InputResolver
{
    /// <summary>Layers whose meaning depends on the channel axis of images (Keras's image layers with a
    /// <c>data_format</c>).</summary>
    private static readonly HashSet<string> ImageLayers =
    [
        "Conv2D", "MaxPooling2D", "AveragePooling2D", "GlobalAveragePooling2D", "GlobalMaxPooling2D", "ZeroPadding2D",
        "RandomFlip", "RandomTranslation", "RandomCrop",
    ];

    public static (Shape Input, DataFormatDecision Decision) Resolve(KerasModelSpec spec, Shape? data, KerasGeneration generation,
        BuildContext context)
    {
        var first = spec.Layers[0];
        int?[]? script = spec.InputShape ?? first.InputShape;
        bool image = spec.Layers.Any(l => ImageLayers.Contains(l.ClassName));
        var choice = spec.ImageDataFormat;
        DataFormat? given = choice.Format switch
        {
            "channels_first" => DataFormat.ChannelsFirst,
            "channels_last" => DataFormat.ChannelsLast,
            _ => null,
        };

        if (data is null)
        {
            if (script is null)
            {
                throw At(first, "the script gives no input shape (input_shape, input_dim or keras.Input) and no data was given",
                    "give the data, or an input shape to the first layer");
            }

            if (script.Any(d => d is null))
            {
                throw At(first, $"input shape {Text(script)} has unknown dimensions (None) and no data was given to fill them",
                    "give the data");
            }

            var shape = new Shape(script.Select(d => d!.Value).ToArray());
            if (!image)
            {
                return (shape, NotNeeded());
            }

            if (given is { } g && !choice.DecideFromData)
            {
                return (shape, new DataFormatDecision(g, choice.Origin, FromData: false));
            }

            var (guess, why) = Guess(shape, generation);
            return (shape, new DataFormatDecision(given ?? guess, given is null ? why : choice.Origin + "; " + why, FromData: false));
        }

        if (script is null)
        {
            if (!image)
            {
                return (data, NotNeeded());
            }

            if (given is { } g2 && !choice.DecideFromData)
            {
                return (data, new DataFormatDecision(g2, choice.Origin, FromData: false));
            }

            var (guess, why) = Guess(data, generation);
            return (data, new DataFormatDecision(guess, $"the script gives no input shape; data samples {Shape.Format(data.AsSpan())}: {why}", FromData: true));
        }

        if (Matches(script, data))
        {
            if (!image)
            {
                return (data, NotNeeded());
            }

            if (given is { } g3 && !choice.DecideFromData)
            {
                return (data, new DataFormatDecision(g3, choice.Origin + "; the data has the same shape", FromData: false));
            }

            var (guess, why) = Guess(data, generation);
            return (data, new DataFormatDecision(guess,
                $"data samples {Shape.Format(data.AsSpan())} have the script's input_shape; {why}", FromData: true));
        }

        if (image && script.Length == 3 && data.Rank == 3)
        {
            // The same image in the other channel order: (c, h, w) written, (h, w, c) given, or the reverse.
            if (Matches([script[1], script[2], script[0]], data))
            {
                context.MovedTo = DataFormat.ChannelsLast;
                return (data, new DataFormatDecision(DataFormat.ChannelsLast,
                    $"data samples {Shape.Format(data.AsSpan())} are channels-last; the script's input_shape {Text(script)} is channels-first " +
                    "(Theano ordering), so the model is built channels-last on the data's shape", FromData: true));
            }

            if (Matches([script[2], script[0], script[1]], data))
            {
                context.MovedTo = DataFormat.ChannelsFirst;
                return (data, new DataFormatDecision(DataFormat.ChannelsFirst,
                    $"data samples {Shape.Format(data.AsSpan())} are channels-first; the script's input_shape {Text(script)} is channels-last, " +
                    "so the model is built channels-first on the data's shape", FromData: true));
            }
        }

        throw At(first,
            $"the data's samples have shape {Model.WithBatch(data)} but the model's first layer {first.Name ?? Naming.ToSnakeCase(first.ClassName)} " +
            $"({first.ClassName}) expects input shape (None, {string.Join(", ", script.Select(d => d?.ToString() ?? "None"))})",
            "check that the data is the one the script trains on (and its axis order)");
    }

    /// <summary>Keras's layout for an image shape (a, b, c) the script does not state: channels-first when only the
    /// first axis is small enough to be channels (1, 3 or 4) and the others look like pixels (more than 4),
    /// channels-last when the last axis is; otherwise the default of the Keras version (Keras 1 was usually run on
    /// Theano, whose default was 'th'; Keras 2 and 3 default to channels-last).</summary>
    private static (DataFormat Format, string Why) Guess(Shape s, KerasGeneration generation)
    {
        if (s.Rank != 3)
        {
            return (DataFormat.ChannelsLast, $"shape {Shape.Format(s.AsSpan())} is not an image shape; Keras's default channels_last");
        }

        bool firstIsChannels = s[0] is 1 or 3 or 4 && s[1] > 4 && s[2] > 4;
        bool lastIsChannels = s[2] is 1 or 3 or 4 && s[0] > 4 && s[1] > 4;
        if (firstIsChannels && !lastIsChannels)
        {
            return (DataFormat.ChannelsFirst, $"shape {Shape.Format(s.AsSpan())} has {s[0]} channels first (Theano ordering), so channels_first");
        }

        if (lastIsChannels && !firstIsChannels)
        {
            return (DataFormat.ChannelsLast, $"shape {Shape.Format(s.AsSpan())} has {s[2]} channels last, so channels_last");
        }

        return generation == KerasGeneration.Keras1
            ? (DataFormat.ChannelsFirst, $"shape {Shape.Format(s.AsSpan())} does not tell where the channels are; Keras 1's Theano default 'th' (channels_first)")
            : (DataFormat.ChannelsLast, $"shape {Shape.Format(s.AsSpan())} does not tell where the channels are; Keras's default channels_last");
    }

    private static DataFormatDecision NotNeeded() => new(null, "no layer depends on the image data format", FromData: false);

    private static bool Matches(int?[] script, Shape data) =>
        script.Length == data.Rank && script.Select((d, i) => d is null || d == data[i]).All(x => x);

    private static string Text(int?[] shape) =>
        "(" + string.Join(", ", shape.Select(d => d?.ToString() ?? "None")) + (shape.Length == 1 ? ",)" : ")");

    private static KerasImportException At(LayerSpec layer, string reason, string? hint) =>
        new(layer.Source.File, layer.Source.Line, layer.Source.Column, layer.Source.Text, reason, hint, layer.Source.JsonPath);
}
