using Convergent.Keras.Building;
using Convergent.Nn;

namespace Convergent.Keras;

public static partial class KerasRegistry
{
    /// <summary>Keras 3 layer class name → engine constructor. Every argument a layer's Keras constructor takes is
    /// either read here or rejected by <see cref="ConfigReader.Finish"/>.</summary>
    private static readonly Dictionary<string, Func<ConfigReader, string?, Layer>> LayerFactories = new(StringComparer.Ordinal)
    {
        ["Dense"] = (a, name) =>
        {
            a.RequireNone("lora_rank", "LoRA is not supported");
            a.RequireNone("lora_alpha", "LoRA is not supported");
            return new Dense(a.Int("units"), Activation(a, "activation"), a.Bool("use_bias", true),
                Initializer(a, "kernel_initializer"), Initializer(a, "bias_initializer"),
                Regularizer(a, "kernel_regularizer"), Regularizer(a, "bias_regularizer"), Regularizer(a, "activity_regularizer"),
                Constraint(a, "kernel_constraint"), Constraint(a, "bias_constraint"), name);
        },
        ["Conv2D"] = (a, name) =>
        {
            a.RequireNone("lora_rank", "LoRA is not supported");
            return new Conv2D(a.Int("filters"), a.Size2D("kernel_size", null) ?? throw a.Fail("kernel_size", "is required"),
                a.Size2D("strides", 1), Padding(a, allowCausal: false), ImageFormat(a), a.Size2D("dilation_rate", 1),
                a.Int("groups", 1), Activation(a, "activation"), a.Bool("use_bias", true),
                Initializer(a, "kernel_initializer"), Initializer(a, "bias_initializer"),
                Regularizer(a, "kernel_regularizer"), Regularizer(a, "bias_regularizer"), Regularizer(a, "activity_regularizer"),
                Constraint(a, "kernel_constraint"), Constraint(a, "bias_constraint"), name);
        },
        ["Conv1D"] = (a, name) =>
        {
            a.RequireNone("lora_rank", "LoRA is not supported");
            return new Conv1D(a.Int("filters"), a.Size1D("kernel_size", 0) is var k and > 0 ? k : throw a.Fail("kernel_size", "is required"),
                a.Size1D("strides", 1), Padding(a, allowCausal: true), ImageFormat(a), a.Size1D("dilation_rate", 1),
                a.Int("groups", 1), Activation(a, "activation"), a.Bool("use_bias", true),
                Initializer(a, "kernel_initializer"), Initializer(a, "bias_initializer"),
                Regularizer(a, "kernel_regularizer"), Regularizer(a, "bias_regularizer"), Regularizer(a, "activity_regularizer"),
                Constraint(a, "kernel_constraint"), Constraint(a, "bias_constraint"), name);
        },
        ["MaxPooling2D"] = (a, name) =>
            new MaxPooling2D(a.Size2D("pool_size", 2), a.Size2D("strides", null), Padding(a, allowCausal: false), ImageFormat(a), name),
        ["AveragePooling2D"] = (a, name) =>
            new AveragePooling2D(a.Size2D("pool_size", 2), a.Size2D("strides", null), Padding(a, allowCausal: false), ImageFormat(a), name),
        ["MaxPooling1D"] = (a, name) =>
            new MaxPooling1D(a.Size1D("pool_size", 2), OptionalSize1D(a, "strides"), Padding(a, allowCausal: false), ImageFormat(a), name),
        ["AveragePooling1D"] = (a, name) =>
            new AveragePooling1D(a.Size1D("pool_size", 2), OptionalSize1D(a, "strides"), Padding(a, allowCausal: false), ImageFormat(a), name),
        ["GlobalAveragePooling1D"] = (a, name) => new GlobalAveragePooling1D(ImageFormat(a), a.Bool("keepdims", false), name),
        ["GlobalMaxPooling1D"] = (a, name) => new GlobalMaxPooling1D(ImageFormat(a), a.Bool("keepdims", false), name),
        ["GlobalAveragePooling2D"] = (a, name) => new GlobalAveragePooling2D(ImageFormat(a), a.Bool("keepdims", false), name),
        ["GlobalMaxPooling2D"] = (a, name) => new GlobalMaxPooling2D(ImageFormat(a), a.Bool("keepdims", false), name),
        ["Flatten"] = (a, name) => new Flatten(ImageFormat(a), name),
        ["Reshape"] = (a, name) => new Reshape(a.Ints("target_shape") ?? throw a.Fail("target_shape", "is required"), name),
        ["Dropout"] = (a, name) => new Dropout(a.Double("rate"), a.OptionalInts("noise_shape"), a.OptionalInt("seed"), name),
        ["BatchNormalization"] = BatchNormalization,
        ["Activation"] = (a, name) =>
            new ActivationLayer(Activation(a, "activation") ?? throw a.Fail("activation", "is required"), name),
        ["ReLU"] = (a, name) =>
            new ReLU(a.OptionalDouble("max_value"), a.Double("negative_slope", 0.0), a.Double("threshold", 0.0), name),
        ["LeakyReLU"] = (a, name) => new LeakyReLU(a.Double("negative_slope", Nn.LeakyReLU.DefaultNegativeSlope), name: name),
        ["ELU"] = (a, name) => new ELU(a.Double("alpha", 1.0), name),
        ["Softmax"] = (a, name) => new Softmax(SingleAxis(a, "axis", -1), name),
        ["ZeroPadding2D"] = (a, name) => new ZeroPadding2D(ZeroPadding(a), ImageFormat(a), name),
        ["RandomFlip"] = (a, name) => new RandomFlip(
            a.Choice("mode", FlipMode.HorizontalAndVertical, ("horizontal", FlipMode.Horizontal), ("vertical", FlipMode.Vertical),
                ("horizontal_and_vertical", FlipMode.HorizontalAndVertical)),
            a.OptionalInt("seed"), ImageFormat(a), name),
        ["RandomTranslation"] = (a, name) => new RandomTranslation(
            Factor(a, "height_factor"), Factor(a, "width_factor"),
            a.Choice("fill_mode", FillMode.Reflect, ("reflect", FillMode.Reflect), ("wrap", FillMode.Wrap),
                ("constant", FillMode.Constant), ("nearest", FillMode.Nearest)),
            a.Choice("interpolation", Interpolation.Bilinear, ("bilinear", Interpolation.Bilinear), ("nearest", Interpolation.Nearest)),
            a.OptionalInt("seed"), a.Double("fill_value", 0.0), ImageFormat(a), name),
        ["RandomRotation"] = (a, name) =>
        {
            // Keras uses value_range only to clip the images of some augmentations; a rotation's output stays in range
            a.Ignore("value_range", "a rotation keeps pixel values within the input's range");
            return new RandomRotation(Factor(a, "factor"), FillModeOf(a), InterpolationOf(a), a.OptionalInt("seed"),
                a.Double("fill_value", 0.0), ImageFormat(a), name);
        },
        ["RandomZoom"] = (a, name) => new RandomZoom(Factor(a, "height_factor"),
            OptionalFactor(a, "width_factor"), FillModeOf(a), InterpolationOf(a), a.OptionalInt("seed"),
            a.Double("fill_value", 0.0), ImageFormat(a), name),
        ["RandomCrop"] = (a, name) => new RandomCrop(a.Int("height"), a.Int("width"), a.OptionalInt("seed"), ImageFormat(a), name),
        ["Rescaling"] = (a, name) => new Rescaling(a.Double("scale"), a.Double("offset", 0.0), name),
    };

    /// <summary>Keras 3 class names of the layers the engine builds.</summary>
    public static IReadOnlyCollection<string> SupportedLayers => LayerFactories.Keys;

    /// <summary>
    /// Creates the engine layer for an imported layer: every argument in <see cref="LayerSpec.Config"/> is mapped
    /// to a constructor argument, or rejected with a <see cref="KerasImportException"/> that names the argument, the
    /// layer and the source position. <c>name</c>, <c>trainable</c> and <c>dtype</c> are handled.
    /// </summary>
    /// <param name="layer">The layer as imported.</param>
    /// <param name="imageDataFormat">Format of image layers that do not give <c>data_format</c>.</param>
    /// <param name="notes">Receives notes (e.g. an argument with no effect), or null.</param>
    /// <exception cref="KerasImportException">The layer or one of its arguments is not supported.</exception>
    public static Layer CreateLayer(LayerSpec layer, DataFormat imageDataFormat = DataFormat.ChannelsLast,
        ICollection<ImportNote>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var context = new BuildContext { DataFormat = imageDataFormat };
        var created = CreateLayer(layer, context);
        if (notes is not null)
        {
            foreach (var note in context.Notes)
            {
                notes.Add(note);
            }
        }

        return created;
    }

    internal static Layer CreateLayer(LayerSpec layer, BuildContext context)
    {
        var reader = new ConfigReader(layer.ClassName, layer.Config, layer.Source, context);
        if (!LayerFactories.TryGetValue(layer.ClassName, out var factory))
        {
            throw reader.FailOwner($"layer '{layer.WrittenClassName}' is not supported by the training engine",
                "supported layers: " + string.Join(", ", LayerFactories.Keys));
        }

        bool trainable = reader.Bool("trainable", true);
        string? dtype = reader.String("dtype");
        if (dtype is not null && dtype != context.DType.ToString().ToLowerInvariant())
        {
            throw reader.Fail("dtype", $"'{dtype}' differs from the model's {context.DType.ToString().ToLowerInvariant()}",
                "a model computes in one element type (float32 or float64)");
        }

        Layer created;
        try
        {
            created = factory(reader, layer.Name);
        }
        catch (ArgumentException e)
        {
            // The engine validates as Keras does and names the argument ("… Received: groups=2").
            throw reader.FailOwner(e.Message);
        }

        reader.Finish();
        if (!trainable)
        {
            created.Trainable = false;
        }

        return created;
    }

    private static DataFormat ImageFormat(ConfigReader a)
    {
        var given = a.Choice<DataFormat?>("data_format", null, ("channels_last", DataFormat.ChannelsLast),
            ("channels_first", DataFormat.ChannelsFirst));
        return a.Context.MovedTo ?? given ?? a.Context.DataFormat;
    }

    /// <summary>A 1-D size, or null when not given or None (e.g. pooling strides, which then default to the pool size).</summary>
    private static int? OptionalSize1D(ConfigReader a, string key)
    {
        if (a.Has(key))
        {
            return a.Size1D(key, 0);
        }

        a.Take(key);
        return null;
    }

    private static FactorRange? OptionalFactor(ConfigReader a, string key)
    {
        if (a.Has(key))
        {
            return Factor(a, key);
        }

        a.Take(key);
        return null;
    }

    private static FillMode FillModeOf(ConfigReader a) =>
        a.Choice("fill_mode", FillMode.Reflect, ("reflect", FillMode.Reflect), ("wrap", FillMode.Wrap),
            ("constant", FillMode.Constant), ("nearest", FillMode.Nearest));

    private static Interpolation InterpolationOf(ConfigReader a) =>
        a.Choice("interpolation", Interpolation.Bilinear, ("bilinear", Interpolation.Bilinear), ("nearest", Interpolation.Nearest));

    private static Padding Padding(ConfigReader a, bool allowCausal) => allowCausal
        ? a.Choice("padding", Nn.Padding.Valid, ("valid", Nn.Padding.Valid), ("same", Nn.Padding.Same), ("causal", Nn.Padding.Causal))
        : a.Choice("padding", Nn.Padding.Valid, ("valid", Nn.Padding.Valid), ("same", Nn.Padding.Same));

    private static int SingleAxis(ConfigReader a, string key, int fallback)
    {
        var axes = a.Ints(key);
        return axes switch
        {
            null => fallback,
            [var one] => one,
            _ => throw a.Fail(key, "several axes are not supported", "give one axis"),
        };
    }

    private static ((int, int), (int, int)) ZeroPadding(ConfigReader a)
    {
        var v = a.Take("padding");
        switch (v)
        {
            case null or KerasNone:
                return ((1, 1), (1, 1));
            case KerasInt i:
                return (((int)i.Value, (int)i.Value), ((int)i.Value, (int)i.Value));
            case KerasSequence { Count: 2 } seq when seq.Items.All(x => x is KerasInt):
            {
                int h = (int)((KerasInt)seq.Items[0]).Value, w = (int)((KerasInt)seq.Items[1]).Value;
                return ((h, h), (w, w));
            }

            case KerasSequence { Count: 2 } seq when seq.Items.All(x => x.AsIntSequence() is { Length: 2 } p && p.All(d => d is not null)):
            {
                var hs = seq.Items[0].AsIntSequence()!;
                var ws = seq.Items[1].AsIntSequence()!;
                return (((int)hs[0]!.Value, (int)hs[1]!.Value), ((int)ws[0]!.Value, (int)ws[1]!.Value));
            }

            default:
                throw a.Fail("padding", $"expected an integer, 2 integers or 2 pairs of integers, got {ConfigReader.Describe(v)}");
        }
    }

    private static FactorRange Factor(ConfigReader a, string key)
    {
        var v = a.Take(key);
        return v switch
        {
            null or KerasNone => throw a.Fail(key, "is required"),
            KerasSequence { Count: 2 } pair when pair.Items[0].TryGetNumber(out double lo) && pair.Items[1].TryGetNumber(out double hi) =>
                new FactorRange(lo, hi),
            _ when v is not KerasBool && v.TryGetNumber(out double f) => f,
            _ => throw a.Fail(key, $"expected a number or a (lower, upper) pair, got {ConfigReader.Describe(v)}"),
        };
    }

    private static Layer BatchNormalization(ConfigReader a, string? name)
    {
        int axis = SingleAxis(a, "axis", -1);
        int moved = a.Context.MovedTo switch
        {
            DataFormat.ChannelsLast when axis == 1 => -1,
            DataFormat.ChannelsFirst when axis is -1 or 3 => 1,
            _ => axis,
        };
        if (moved != axis)
        {
            a.Context.Note(ImportNoteKind.DataFormat,
                $"BatchNormalization axis={axis} (the script's channel axis) becomes axis={moved}: the model is built with the data's channel axis",
                a.Source);
            axis = moved;
        }

        bool renorm = a.Bool("renorm", false);
        if (renorm)
        {
            throw a.Fail("renorm", "batch renormalization is not supported by the engine");
        }

        a.RequireNone("renorm_clipping", "only used with renorm=True");
        a.RequireDefault("renorm_momentum", v => v.TryGetNumber(out double m) && m == 0.99, "only used with renorm=True");
        a.RequireNone("virtual_batch_size", "ghost batch normalization is not supported");
        a.RequireNone("adjustment", "adjustment functions are not supported");
        a.Ignore("fused", "an implementation choice of TensorFlow; the results are the same");
        if (a.Bool("synchronized", false))
        {
            a.Context.Note(ImportNoteKind.Warning, "BatchNormalization synchronized=True: the engine trains on one device, where it is the same", a.Source);
        }

        return new Nn.BatchNormalization(axis, a.Double("momentum", 0.99), a.Double("epsilon", 1e-3), a.Bool("center", true),
            a.Bool("scale", true), Initializer(a, "beta_initializer"), Initializer(a, "gamma_initializer"),
            Initializer(a, "moving_mean_initializer"), Initializer(a, "moving_variance_initializer"),
            Regularizer(a, "beta_regularizer"), Regularizer(a, "gamma_regularizer"),
            Constraint(a, "beta_constraint"), Constraint(a, "gamma_constraint"), name);
    }
}
