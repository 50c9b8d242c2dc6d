namespace Convergent.Keras.Catalog;

/// <summary>
/// The supported layers (Keras 3 names, argument kinds, positional order, Keras 1/2 renames), taken from the
/// Keras 3 sources (<c>keras/src/layers/...</c>) and Keras 2's <c>keras/legacy/interfaces.py</c>.
/// </summary>
internal static class LayerCatalog
{
    private static readonly (string Old, string New)[] WeightRenames =
    [
        ("init", "kernel_initializer"), ("W_regularizer", "kernel_regularizer"), ("b_regularizer", "bias_regularizer"),
        ("W_constraint", "kernel_constraint"), ("b_constraint", "bias_constraint"), ("bias", "use_bias"),
    ];

    private static readonly string[] FillModes = ["reflect", "wrap", "constant", "nearest"];
    private static readonly string[] Interpolations = ["nearest", "bilinear"];

    /// <summary>All supported layers.</summary>
    public static readonly IReadOnlyList<LayerDefinition> All =
    [
        Conv(1, "Conv1D", ["Convolution1D"], LegacyPositionalForm.Convolution1D),
        Conv(2, "Conv2D", ["Convolution2D"], LegacyPositionalForm.Convolution2D),
        new()
        {
            ClassName = "Dense",
            Positional =
            [
                "units", "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer",
                "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint",
            ],
            Args =
            [
                new("units", ArgKind.PositiveInt), new("activation", ArgKind.Activation), new("use_bias", ArgKind.Bool),
                new("kernel_initializer", ArgKind.Initializer), new("bias_initializer", ArgKind.Initializer),
                new("kernel_regularizer", ArgKind.Regularizer), new("bias_regularizer", ArgKind.Regularizer),
                new("kernel_constraint", ArgKind.Constraint), new("bias_constraint", ArgKind.Constraint),
                new("lora_rank", ArgKind.OptionalInt), new("lora_alpha", ArgKind.OptionalFloat),
            ],
            Renames = [("output_dim", "units"), .. WeightRenames],
            Required = ["units"],
            WriterPositionalCount = 1,
        },
        new()
        {
            ClassName = "Dropout",
            Positional = ["rate", "noise_shape", "seed"],
            Args = [new("rate", ArgKind.Fraction), new("noise_shape", ArgKind.Any), new("seed", ArgKind.OptionalInt)],
            Renames = [("p", "rate")],
            Required = ["rate"],
            WriterPositionalCount = 1,
        },
        Pooling(2, "MaxPooling2D", ["MaxPool2D"]),
        Pooling(2, "AveragePooling2D", ["AvgPool2D"]),
        Pooling(1, "MaxPooling1D", ["MaxPool1D"]),
        Pooling(1, "AveragePooling1D", ["AvgPool1D"]),
        GlobalPooling("GlobalAveragePooling2D", ["GlobalAvgPool2D"]),
        GlobalPooling("GlobalMaxPooling2D", ["GlobalMaxPool2D"]),
        GlobalPooling("GlobalAveragePooling1D", ["GlobalAvgPool1D"]),
        GlobalPooling("GlobalMaxPooling1D", ["GlobalMaxPool1D"]),
        new()
        {
            ClassName = "Flatten",
            Positional = ["data_format"],
            Args = [new("data_format", ArgKind.DataFormat)],
            Renames = [("dim_ordering", "data_format")],
            UsesDataFormat = true,
        },
        new()
        {
            ClassName = "Reshape",
            Positional = ["target_shape"],
            Args = [new("target_shape", ArgKind.Shape)],
            Required = ["target_shape"],
            WriterPositionalCount = 1,
        },
        new()
        {
            ClassName = "Activation",
            Positional = ["activation"],
            Args = [new("activation", ArgKind.Activation)],
            Required = ["activation"],
            WriterPositionalCount = 1,
        },
        new()
        {
            ClassName = "BatchNormalization",
            Positional =
            [
                "axis", "momentum", "epsilon", "center", "scale", "beta_initializer", "gamma_initializer",
                "moving_mean_initializer", "moving_variance_initializer", "beta_regularizer", "gamma_regularizer",
                "beta_constraint", "gamma_constraint",
            ],
            Args =
            [
                new("axis", ArgKind.Axis), new("momentum", ArgKind.Float), new("epsilon", ArgKind.Float),
                new("center", ArgKind.Bool), new("scale", ArgKind.Bool),
                new("beta_initializer", ArgKind.Initializer), new("gamma_initializer", ArgKind.Initializer),
                new("moving_mean_initializer", ArgKind.Initializer),
                new("moving_variance_initializer", ArgKind.Initializer),
                new("beta_regularizer", ArgKind.Regularizer), new("gamma_regularizer", ArgKind.Regularizer),
                new("beta_constraint", ArgKind.Constraint), new("gamma_constraint", ArgKind.Constraint),
                new("synchronized", ArgKind.Bool), new("renorm", ArgKind.Bool), new("renorm_clipping", ArgKind.Any),
                new("renorm_momentum", ArgKind.Float), new("fused", ArgKind.Any),
                new("virtual_batch_size", ArgKind.OptionalInt), new("adjustment", ArgKind.Any),
            ],
            Renames = [("beta_init", "beta_initializer"), ("gamma_init", "gamma_initializer")],
        },
        new()
        {
            ClassName = "ZeroPadding2D",
            Rank = 2,
            Positional = ["padding", "data_format"],
            Args = [new("padding", ArgKind.ZeroPadding), new("data_format", ArgKind.DataFormat)],
            Renames = [("dim_ordering", "data_format")],
            UsesDataFormat = true,
            WriterPositionalCount = 1,
        },
        new()
        {
            // Keras 2 and tf.keras spell the slope `alpha`; Keras 3 renamed it `negative_slope`.
            ClassName = "LeakyReLU",
            Positional = ["negative_slope"],
            Args = [new("negative_slope", ArgKind.Float)],
            Renames = [("alpha", "negative_slope")],
        },
        new()
        {
            ClassName = "ELU",
            Positional = ["alpha"],
            Args = [new("alpha", ArgKind.Float)],
        },
        new()
        {
            ClassName = "ReLU",
            Positional = ["max_value", "negative_slope", "threshold"],
            Args = [new("max_value", ArgKind.OptionalFloat), new("negative_slope", ArgKind.Float), new("threshold", ArgKind.Float)],
        },
        new()
        {
            ClassName = "Softmax",
            Positional = ["axis"],
            Args = [new("axis", ArgKind.Axis)],
        },
        new()
        {
            ClassName = "RandomFlip",
            Positional = ["mode", "seed"],
            Args =
            [
                new("mode", ArgKind.String, ["horizontal", "vertical", "horizontal_and_vertical"]),
                new("seed", ArgKind.OptionalInt), new("data_format", ArgKind.DataFormat),
            ],
            UsesDataFormat = true,
            WriterPositionalCount = 1,
        },
        new()
        {
            ClassName = "RandomTranslation",
            Positional = ["height_factor", "width_factor", "fill_mode", "interpolation", "seed", "fill_value", "data_format"],
            Args =
            [
                new("height_factor", ArgKind.Factor), new("width_factor", ArgKind.Factor),
                new("fill_mode", ArgKind.String, FillModes), new("interpolation", ArgKind.String, Interpolations),
                new("seed", ArgKind.OptionalInt), new("fill_value", ArgKind.Float), new("data_format", ArgKind.DataFormat),
            ],
            Required = ["height_factor", "width_factor"],
            UsesDataFormat = true,
            WriterPositionalCount = 2,
        },
        new()
        {
            ClassName = "RandomCrop",
            Positional = ["height", "width", "seed", "data_format"],
            Args =
            [
                new("height", ArgKind.PositiveInt), new("width", ArgKind.PositiveInt), new("seed", ArgKind.OptionalInt),
                new("data_format", ArgKind.DataFormat),
            ],
            Required = ["height", "width"],
            UsesDataFormat = true,
            WriterPositionalCount = 2,
        },
        new()
        {
            ClassName = "RandomRotation",
            Positional = ["factor", "fill_mode", "interpolation", "seed", "fill_value", "value_range", "data_format"],
            Args =
            [
                new("factor", ArgKind.Factor), new("fill_mode", ArgKind.String, FillModes),
                new("interpolation", ArgKind.String, Interpolations), new("seed", ArgKind.OptionalInt),
                new("fill_value", ArgKind.Float), new("value_range", ArgKind.Any), new("data_format", ArgKind.DataFormat),
            ],
            Required = ["factor"],
            UsesDataFormat = true,
            WriterPositionalCount = 1,
        },
        new()
        {
            ClassName = "RandomZoom",
            Positional = ["height_factor", "width_factor", "fill_mode", "interpolation", "seed", "fill_value", "data_format"],
            Args =
            [
                new("height_factor", ArgKind.Factor), new("width_factor", ArgKind.OptionalFactor),
                new("fill_mode", ArgKind.String, FillModes), new("interpolation", ArgKind.String, Interpolations),
                new("seed", ArgKind.OptionalInt), new("fill_value", ArgKind.Float), new("data_format", ArgKind.DataFormat),
            ],
            Required = ["height_factor"],
            UsesDataFormat = true,
            WriterPositionalCount = 1,
        },
        new()
        {
            ClassName = "Rescaling",
            Positional = ["scale", "offset"],
            Args = [new("scale", ArgKind.Float), new("offset", ArgKind.Float)],
            Required = ["scale"],
            WriterPositionalCount = 1,
        },
    ];

    private static readonly Dictionary<string, LayerDefinition> ByName = BuildIndex();

    /// <summary>Comma-separated Keras 3 names of the supported layers, for error hints.</summary>
    public static string SupportedNames => string.Join(", ", All.Select(d => d.ClassName)) + ", InputLayer (and keras.Input)";

    /// <summary>Finds a layer by any accepted spelling, or null.</summary>
    public static LayerDefinition? Find(string className) => ByName.GetValueOrDefault(className);

    /// <summary>Every accepted class name (for "did you mean").</summary>
    public static IEnumerable<string> AllNames => ByName.Keys;

    private static Dictionary<string, LayerDefinition> BuildIndex()
    {
        var index = new Dictionary<string, LayerDefinition>(StringComparer.Ordinal);
        foreach (var def in All)
        {
            index[def.ClassName] = def;
            foreach (string alias in def.Aliases.Concat(def.Keras1Aliases))
            {
                index[alias] = def;
            }
        }

        return index;
    }

    private static LayerDefinition Conv(int rank, string className, string[] keras1Aliases, LegacyPositionalForm form)
    {
        var renames = new List<(string, string)>
        {
            ("nb_filter", "filters"), ("border_mode", "padding"), ("dim_ordering", "data_format"),
            ("subsample", "strides"), ("atrous_rate", "dilation_rate"),
        };
        if (rank == 1)
        {
            renames.Add(("filter_length", "kernel_size"));
            renames.Add(("subsample_length", "strides"));
        }

        renames.AddRange(WeightRenames);
        return new LayerDefinition
        {
            ClassName = className,
            Keras1Aliases = keras1Aliases,
            Rank = rank,
            Positional =
            [
                "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "groups", "activation",
                "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer",
                "activity_regularizer", "kernel_constraint", "bias_constraint",
            ],
            Args =
            [
                new("filters", ArgKind.PositiveInt), new("kernel_size", ArgKind.IntTuple),
                new("strides", ArgKind.IntTuple),
                new("padding", rank == 1 ? ArgKind.PaddingCausal : ArgKind.Padding),
                new("data_format", ArgKind.DataFormat), new("dilation_rate", ArgKind.IntTuple),
                new("groups", ArgKind.PositiveInt), new("activation", ArgKind.Activation), new("use_bias", ArgKind.Bool),
                new("kernel_initializer", ArgKind.Initializer), new("bias_initializer", ArgKind.Initializer),
                new("kernel_regularizer", ArgKind.Regularizer), new("bias_regularizer", ArgKind.Regularizer),
                new("kernel_constraint", ArgKind.Constraint), new("bias_constraint", ArgKind.Constraint),
                new("lora_rank", ArgKind.OptionalInt),
            ],
            Renames = renames.ToArray(),
            Required = ["filters", "kernel_size"],
            UsesDataFormat = true,
            LegacyForm = form,
            WriterPositionalCount = 2,
        };
    }

    private static LayerDefinition Pooling(int rank, string className, string[] aliases) => new()
    {
        ClassName = className,
        Aliases = aliases,
        Rank = rank,
        Positional = ["pool_size", "strides", "padding", "data_format"],
        Args =
        [
            new("pool_size", ArgKind.IntTuple), new("strides", ArgKind.OptionalIntTuple),
            new("padding", ArgKind.Padding), new("data_format", ArgKind.DataFormat),
        ],
        Renames = rank == 1
            ? [("pool_length", "pool_size"), ("stride", "strides"), ("border_mode", "padding"), ("dim_ordering", "data_format")]
            : [("border_mode", "padding"), ("dim_ordering", "data_format")],
        UsesDataFormat = true,
        WriterPositionalCount = 1,
    };

    private static LayerDefinition GlobalPooling(string className, string[] aliases) => new()
    {
        ClassName = className,
        Aliases = aliases,
        Positional = ["data_format", "keepdims"],
        Args = [new("data_format", ArgKind.DataFormat), new("keepdims", ArgKind.Bool)],
        Renames = [("dim_ordering", "data_format")],
        UsesDataFormat = true,
    };
}
