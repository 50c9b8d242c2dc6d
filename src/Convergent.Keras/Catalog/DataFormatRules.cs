namespace Convergent.Keras.Catalog;

/// <summary>
/// Decides the model's image data format from what the model says: <c>data_format</c>/<c>dim_ordering</c> on
/// its layers, then a script-wide setting; when neither is given and the model has image layers, the format is
/// left to be decided from the data, with a hint from the input shape.
/// </summary>
internal static class DataFormatRules
{
    public static (DataFormatChoice Choice, string? Warning) Choose(IReadOnlyList<LayerSpec> layers, int?[]? inputShape,
        string? globalFormat, string? globalOrigin, string file)
    {
        var imageLayers = layers.Where(l => LayerCatalog.Find(l.ClassName) is { } d && IsImageLayer(d)).ToList();
        var explicitFormats = layers
            .Select(l => (Layer: l, Format: l.Config.GetValueOrNull("data_format") as KerasString))
            .Where(x => x.Format is not null)
            .ToList();
        string? warning = null;
        if (explicitFormats.Count > 0)
        {
            var first = explicitFormats[0];
            if (explicitFormats.Select(x => x.Format!.Value).Distinct().Count() > 1)
            {
                warning = "layers give different data formats: " +
                          string.Join(", ", explicitFormats.Select(x => $"{x.Layer.ClassName} at line {x.Layer.Source.Line}: {x.Format!.Value}"));
            }

            bool missing = imageLayers.Any(l => !l.Config.ContainsKey("data_format"));
            string spelled = first.Layer.Source.Text.Contains("dim_ordering", StringComparison.Ordinal)
                ? $"dim_ordering='{(first.Format!.Value == "channels_first" ? "th" : "tf")}'"
                : $"data_format='{first.Format!.Value}'";
            string origin = $"{spelled} on {first.Layer.ClassName} at {first.Layer.Source}";
            if (missing && globalFormat is null)
            {
                warning ??= "some image layers give no data format; the script's Keras config decided theirs, so it is decided from the data";
                return (new DataFormatChoice(first.Format!.Value, origin, DecideFromData: true), warning);
            }

            return (new DataFormatChoice(first.Format!.Value, origin, DecideFromData: false), warning);
        }

        if (globalFormat is not null)
        {
            return (new DataFormatChoice(globalFormat, globalOrigin ?? "set in the script", DecideFromData: false), null);
        }

        if (imageLayers.Count == 0)
        {
            return (new DataFormatChoice(null, "not needed: no layer depends on the image data format", DecideFromData: false), null);
        }

        string hint = "";
        if (inputShape is { Length: 3 } s && s[0] is { } c0 && s[2] is { } c2)
        {
            bool firstLooksLikeChannels = c0 is 1 or 3 or 4 && c2 is not (1 or 3 or 4);
            bool lastLooksLikeChannels = c2 is 1 or 3 or 4 && c0 is not (1 or 3 or 4);
            hint = firstLooksLikeChannels
                ? $"; input_shape ({c0}, {s[1]}, {c2}) looks channels-first (Theano ordering)"
                : lastLooksLikeChannels ? $"; input_shape ({c0}, {s[1]}, {c2}) looks channels-last" : "";
        }

        warning = "image data format not given in the script (no data_format, dim_ordering or set_image_data_format): " +
                  "it will be decided from the data" + hint;
        return (new DataFormatChoice(null, "not given in the script", DecideFromData: true), warning);
    }

    /// <summary>Layers whose meaning changes with the channel axis of images.</summary>
    public static bool IsImageLayer(LayerDefinition d) =>
        d.UsesDataFormat && (d.Rank == 2 || d.ClassName.EndsWith("2D", StringComparison.Ordinal) ||
                             d.ClassName.StartsWith("Random", StringComparison.Ordinal));
}
