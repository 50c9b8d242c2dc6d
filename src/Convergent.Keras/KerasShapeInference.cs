using Convergent.Keras.Catalog;

namespace Convergent.Keras;

/// <summary>
/// Computes each layer's output shape and parameter count from the model's input shape, with Keras 3's rules
/// (<c>keras/src/ops/operation_utils.py</c> for convolution and pooling sizes), so the importer can show what
/// <c>model.summary()</c> would and catch models Keras would refuse to build (a kernel larger than its input).
/// </summary>
public static class KerasShapeInference
{
    /// <summary>Infers shapes layer by layer.</summary>
    /// <param name="spec">The model; its <see cref="KerasModelSpec.InputShape"/> must be known.</param>
    /// <param name="dataFormat">Image format for layers that do not give one: <c>"channels_last"</c> or
    /// <c>"channels_first"</c>; null uses the model's <see cref="KerasModelSpec.ImageDataFormat"/>, else channels_last.</param>
    /// <exception cref="KerasImportException">The input shape is unknown, or a layer cannot apply to its input.</exception>
    public static IReadOnlyList<LayerShape> Infer(KerasModelSpec spec, string? dataFormat = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var shape = spec.InputShape ?? throw new KerasImportException(spec.SourceFile, 0, 0, "",
            "the input shape is not known", "give input_shape on the first layer or keras.Input(shape=...)");
        string defaultFormat = dataFormat ?? spec.ImageDataFormat.Format ?? "channels_last";
        var result = new List<LayerShape>(spec.Layers.Count);
        foreach (var layer in spec.Layers)
        {
            var (output, parameters, trainable) = Apply(layer, shape, defaultFormat);
            result.Add(new LayerShape(layer, output, parameters, trainable));
            shape = output;
        }

        return result;
    }

    private static (int?[] Output, long Parameters, long Trainable) Apply(LayerSpec layer, int?[] input, string defaultFormat)
    {
        var c = layer.Config;
        bool channelsFirst = (c.GetValueOrNull("data_format")?.AsString() ?? defaultFormat) == "channels_first";
        string name = layer.ClassName;
        switch (name)
        {
            case "Dense":
            {
                RequireRank(layer, input, atLeast: 1);
                long units = Int(c, "units");
                long inputs = Known(layer, input[^1], "the last input axis");
                long weights = (inputs * units) + (Bool(c, "use_bias", true) ? units : 0);
                return ([.. input[..^1], (int)units], weights, Trainable(c, weights));
            }

            case "Conv1D" or "Conv2D":
            {
                int rank = name == "Conv1D" ? 1 : 2;
                RequireRank(layer, input, rank + 1);
                var (spatial, channels) = Split(input, channelsFirst);
                long filters = Int(c, "filters");
                var kernel = Ints(c, "kernel_size", rank, 1);
                var strides = Ints(c, "strides", rank, 1);
                var dilation = Ints(c, "dilation_rate", rank, 1);
                long groups = c.ContainsKey("groups") ? Int(c, "groups") : 1;
                string padding = c.GetValueOrNull("padding")?.AsString() ?? "valid";
                var outSpatial = new int?[rank];
                for (int i = 0; i < rank; i++)
                {
                    outSpatial[i] = OutputSize(layer, spatial[i], kernel[i], strides[i], dilation[i], padding, channelsFirst);
                }

                long inChannels = Known(layer, channels, "the channel axis");
                long weights = (kernel.Aggregate(1L, (a, k) => a * k) * (inChannels / groups) * filters) +
                               (Bool(c, "use_bias", true) ? filters : 0);
                return (Join(outSpatial, (int)filters, channelsFirst), weights, Trainable(c, weights));
            }

            case "MaxPooling1D" or "AveragePooling1D" or "MaxPooling2D" or "AveragePooling2D":
            {
                int rank = name.EndsWith("1D", StringComparison.Ordinal) ? 1 : 2;
                RequireRank(layer, input, rank + 1);
                var (spatial, channels) = Split(input, channelsFirst);
                var pool = Ints(c, "pool_size", rank, 2);
                var strides = c.GetValueOrNull("strides") is KerasSequence ? Ints(c, "strides", rank, 1) : pool;
                string padding = c.GetValueOrNull("padding")?.AsString() ?? "valid";
                var outSpatial = spatial.Select((s, i) => OutputSize(layer, s, pool[i], strides[i], 1, padding, channelsFirst)).ToArray();
                return (Join(outSpatial, channels, channelsFirst), 0, 0);
            }

            case "GlobalAveragePooling1D" or "GlobalMaxPooling1D" or "GlobalAveragePooling2D" or "GlobalMaxPooling2D":
            {
                int rank = name.EndsWith("1D", StringComparison.Ordinal) ? 1 : 2;
                RequireRank(layer, input, rank + 1);
                var (_, channels) = Split(input, channelsFirst);
                return Bool(c, "keepdims", false)
                    ? (Join(Enumerable.Repeat((int?)1, rank).ToArray(), channels, channelsFirst), 0, 0)
                    : ([channels], 0, 0);
            }

            case "Flatten":
            {
                long size = 1;
                foreach (var d in input)
                {
                    size *= Known(layer, d, "every input axis (Flatten needs a fixed size)");
                }

                return ([checked((int)size)], 0, 0);
            }

            case "Reshape":
                return (Reshape(layer, input), 0, 0);
            case "BatchNormalization":
            {
                long axis = c.GetValueOrNull("axis") is KerasInt a ? a.Value : -1;
                int index = (int)((axis < 0 ? axis + input.Length + 1 : axis) - 1);
                if (index < 0 || index >= input.Length)
                {
                    throw Fail(layer, $"axis {axis} is outside the input shape {Show(input)}");
                }

                long features = Known(layer, input[index], $"axis {axis}");
                long trainable = ((Bool(c, "center", true) ? 1 : 0) + (Bool(c, "scale", true) ? 1 : 0)) * features;
                return (input, trainable + (2 * features), Trainable(c, trainable));
            }

            case "ZeroPadding2D":
            {
                RequireRank(layer, input, 3);
                var (spatial, channels) = Split(input, channelsFirst);
                var pads = c.GetValueOrNull("padding") is KerasSequence p
                    ? p.Items.Select(pair => pair.AsIntSequence()!.Sum(x => x!.Value)).ToArray()
                    : [2L, 2L];
                var outSpatial = spatial.Select((s, i) => s is null ? null : (int?)(s + pads[i])).ToArray();
                return (Join(outSpatial, channels, channelsFirst), 0, 0);
            }

            case "RandomCrop":
            {
                RequireRank(layer, input, 3);
                var (_, channels) = Split(input, channelsFirst);
                return (Join([(int)Int(c, "height"), (int)Int(c, "width")], channels, channelsFirst), 0, 0);
            }

            default:
                // Activations, Dropout, Rescaling and the shape-preserving augmentation layers.
                return (input, 0, 0);
        }
    }

    private static int? OutputSize(LayerSpec layer, int? size, long kernel, long stride, long dilation, string padding, bool channelsFirst)
    {
        if (size is null)
        {
            return null;
        }

        long effective = ((kernel - 1) * dilation) + 1;
        long output = padding is "same" or "causal"
            ? (size.Value + stride - 1) / stride
            : ((size.Value - effective) / stride) + 1;
        if (output <= 0 || (padding == "valid" && size.Value < effective))
        {
            throw Fail(layer, $"window of {effective} does not fit an input of size {size} with padding 'valid' " +
                              $"(read as {(channelsFirst ? "channels_first" : "channels_last")})");
        }

        return (int)output;
    }

    private static int?[] Reshape(LayerSpec layer, int?[] input)
    {
        var target = layer.Config["target_shape"].AsIntSequence()!;
        long total = 1;
        foreach (var d in input)
        {
            total *= Known(layer, d, "every input axis (Reshape needs a fixed size)");
        }

        long product = target.Where(t => t != -1).Aggregate(1L, (a, t) => a * t!.Value);
        var output = target.Select(t => t == -1 ? (int?)(total / product) : (int?)t).ToArray();
        if (output.Aggregate(1L, (a, d) => a * d!.Value) != total)
        {
            throw Fail(layer, $"cannot reshape {Show(input)} ({total} values) to {Show(target.Select(t => (int?)t).ToArray())}");
        }

        return output;
    }

    private static (int?[] Spatial, int? Channels) Split(int?[] input, bool channelsFirst) =>
        channelsFirst ? (input[1..], input[0]) : (input[..^1], input[^1]);

    private static int?[] Join(int?[] spatial, int? channels, bool channelsFirst) =>
        channelsFirst ? [channels, .. spatial] : [.. spatial, channels];

    private static void RequireRank(LayerSpec layer, int?[] input, int rank = 0, int atLeast = 0)
    {
        if ((rank > 0 && input.Length != rank) || input.Length < atLeast)
        {
            throw Fail(layer, rank > 0
                ? $"expects inputs with {rank} axes besides the batch, got {Show(input)}"
                : $"expects inputs with at least {atLeast} axis, got {Show(input)}");
        }
    }

    private static long Int(KerasConfig c, string key) => ((KerasInt)c[key]).Value;

    private static long[] Ints(KerasConfig c, string key, int rank, long fallback) =>
        c.GetValueOrNull(key)?.AsIntSequence() is { } values
            ? values.Select(v => v ?? fallback).ToArray()
            : Enumerable.Repeat(fallback, rank).ToArray();

    private static bool Bool(KerasConfig c, string key, bool fallback) =>
        c.GetValueOrNull(key) is KerasBool b ? b.Value : fallback;

    private static long Trainable(KerasConfig c, long weights) => Bool(c, "trainable", true) ? weights : 0;

    private static long Known(LayerSpec layer, int? size, string what) =>
        size ?? throw Fail(layer, $"needs a known size for {what}");

    private static string Show(int?[] shape) => "(" + string.Join(", ", shape.Select(d => d?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "None")) + ")";

    private static KerasImportException Fail(LayerSpec layer, string reason) =>
        new(layer.Source.File, layer.Source.Line, layer.Source.Column, layer.Source.Text, $"{layer.ClassName}: {reason}",
            jsonPath: layer.Source.JsonPath);
}
