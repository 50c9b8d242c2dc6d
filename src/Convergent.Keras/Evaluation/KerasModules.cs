using Convergent.Keras.Catalog;

namespace Convergent.Keras.Evaluation;

/// <summary>
/// Resolves module paths and attributes to Keras modules and symbols, across spellings: <c>keras</c>,
/// <c>tensorflow.keras</c>, <c>tf.keras</c>, <c>tensorflow.python.keras</c>, <c>tf_keras</c>, and the Keras 1/2
/// submodules (<c>keras.layers.convolutional</c>, <c>keras.layers.core</c>, <c>keras.initializations</c>).
/// </summary>
internal static class KerasModules
{
    private static readonly (string Prefix, string Replacement)[] PrefixMap =
    [
        ("tensorflow.python.keras", "keras"),
        ("tensorflow.compat.v1.keras", "keras"),
        ("tensorflow.compat.v2.keras", "keras"),
        ("tensorflow.keras", "keras"),
        ("tf_keras", "keras"),
        ("keras._tf_keras.keras", "keras"),
        ("keras.src", "keras"),
        ("keras.api", "keras"),
        ("keras.optimizers.legacy", "keras.optimizers"),
        ("keras.optimizers.experimental", "keras.optimizers"),
        ("keras.initializations", "keras.initializers"),
        ("tensorflow.optimizers", "keras.optimizers"),
        ("tensorflow.losses", "keras.losses"),
        ("tensorflow.metrics", "keras.metrics"),
        ("tensorflow.initializers", "keras.initializers"),
    ];

    /// <summary>Submodules of keras.layers in Keras 1, 2 and tf.keras (names that are modules, not layers).</summary>
    private static readonly HashSet<string> LayerSubmodules =
    [
        "core", "convolutional", "pooling", "normalization", "advanced_activations", "experimental", "preprocessing",
        "recurrent", "embeddings", "merge", "noise", "local", "wrappers", "convolutional_recurrent", "regularization",
        "activation", "activations", "reshaping", "attention", "rnn", "image_preprocessing", "normalization_v2",
        "serialization", "cudnn_recurrent", "dense_attention", "kernelized", "einsum_dense", "layer",
    ];

    /// <summary>Canonical module path: every Keras spelling becomes <c>keras...</c>.</summary>
    public static string Canonical(string path)
    {
        foreach (var (prefix, replacement) in PrefixMap)
        {
            if (path == prefix || path.StartsWith(prefix + ".", StringComparison.Ordinal))
            {
                return Canonical(replacement + path[prefix.Length..]);
            }
        }

        return path;
    }

    /// <summary>The value an <c>import path</c> binds: a Keras module, or an opaque module.</summary>
    public static PyValue Module(string path, string written)
    {
        string canonical = Canonical(path);
        return IsKeras(canonical) && ModuleCategoryAllowsModule(canonical)
            ? new PyModule(canonical, written)
            : new PyOpaque(canonical, written);
    }

    public static bool IsKeras(string canonical) =>
        canonical == "keras" || canonical.StartsWith("keras.", StringComparison.Ordinal);

    private static bool ModuleCategoryAllowsModule(string canonical) => CategoryOf(canonical) is not null || canonical == "keras";

    /// <summary>The category of names inside a Keras module, or null for modules that do not define models
    /// (utils, datasets, preprocessing ...).</summary>
    public static SymbolCategory? CategoryOf(string canonical)
    {
        string[] parts = canonical.Split('.');
        if (parts[0] == "tensorflow")
        {
            return parts.Length == 1 || parts[1] is "nn" or "math" ? SymbolCategory.Activation : null;
        }

        if (parts[0] != "keras" || parts.Length < 2)
        {
            return null;
        }

        return parts[1] switch
        {
            "layers" => SymbolCategory.Layer,
            "models" => SymbolCategory.ModelApi,
            "optimizers" => parts.Length > 2 && parts[2] == "schedules" ? SymbolCategory.Schedule : SymbolCategory.Optimizer,
            "losses" => SymbolCategory.Loss,
            "metrics" => SymbolCategory.Metric,
            "initializers" => SymbolCategory.Initializer,
            "regularizers" => SymbolCategory.Regularizer,
            "constraints" => SymbolCategory.Constraint,
            "callbacks" => SymbolCategory.Callback,
            "activations" => SymbolCategory.Activation,
            "backend" or "config" => SymbolCategory.Backend,
            "applications" => SymbolCategory.Application,
            _ => null,
        };
    }

    /// <summary><c>module.name</c>: a submodule, a Keras symbol, or an opaque value.</summary>
    public static PyValue Attribute(string modulePath, string moduleWritten, string name)
    {
        string written = moduleWritten + "." + name;
        string path = Canonical(modulePath + "." + name);
        if (modulePath == "tensorflow" && name == "keras")
        {
            return new PyModule("keras", written);
        }

        if (modulePath == "tensorflow" || modulePath is "tensorflow.nn" or "tensorflow.math")
        {
            if (KerasNames.TensorFlowActivations.ContainsKey(name))
            {
                return new PyKerasSymbol(SymbolCategory.Activation, name, written);
            }

            return IsKeras(path) ? Module(path, written) : new PyOpaque(path, written);
        }

        if (!IsKeras(modulePath))
        {
            return new PyOpaque(path, written);
        }

        if (modulePath == "keras")
        {
            return name switch
            {
                "Sequential" or "Model" or "Input" => new PyKerasSymbol(SymbolCategory.ModelApi, name, written),
                "InputLayer" => new PyKerasSymbol(SymbolCategory.Layer, name, written),
                _ when CategoryOf(path) is not null => new PyModule(path, written),
                _ => new PyOpaque(path, written),
            };
        }

        var category = CategoryOf(modulePath);
        switch (category)
        {
            case null:
                return new PyOpaque(path, written);
            case SymbolCategory.Layer when LayerSubmodules.Contains(name):
                return new PyModule(modulePath + "." + name, written);
            case SymbolCategory.Layer when name == "Input":
                return new PyKerasSymbol(SymbolCategory.ModelApi, name, written);
            case SymbolCategory.Optimizer when name == "schedules":
                return new PyModule("keras.optimizers.schedules", written);
            case SymbolCategory.Optimizer when name is "legacy" or "experimental":
                return new PyModule("keras.optimizers", written);
            case SymbolCategory.Application when char.IsLower(name[0]):
                return new PyModule(path, written);
            default:
                return new PyKerasSymbol(category.Value, name, written);
        }
    }

    /// <summary>Class names Keras exports that the catalogs do not support, so star imports still find them
    /// (and using them gives "unsupported ..." rather than "not defined").</summary>
    private static readonly HashSet<string> OtherExports =
    [
        "Ftrl", "Lion", "Adafactor", "LossScaleOptimizer", "Optimizer", "LearningRateSchedule", "Callback", "History",
        "RemoteMonitor", "BackupAndRestore", "BaseLogger", "SwapEMAWeights",
    ];

    /// <summary>A name found through <c>from keras.x import *</c>, or null when that module does not export it
    /// (so undefined data names are not mistaken for unsupported layers). With <paramref name="strict"/>, only
    /// names the catalogs know; otherwise also any capitalized name in keras.layers (an unsupported layer).</summary>
    public static PyValue? FromStarImport(PyModule module, string name, bool strict)
    {
        var category = CategoryOf(module.Path);
        if (category is null || name.Length == 0)
        {
            return module.Path == "keras" && name is "Sequential" or "Model" or "Input"
                ? Attribute(module.Path, module.Written, name)
                : null;
        }

        bool known = category switch
        {
            SymbolCategory.Layer => LayerCatalog.Find(name) is not null || name is "InputLayer" or "Input" ||
                                    (!strict && char.IsUpper(name[0])),
            SymbolCategory.ModelApi => name is "Sequential" or "Model" or "load_model" or "model_from_json",
            SymbolCategory.Optimizer => ObjectCatalog.Find(KerasObjectKind.Optimizer, name) is not null || OtherExports.Contains(name),
            SymbolCategory.Schedule => ObjectCatalog.Find(KerasObjectKind.LearningRateSchedule, name) is not null || OtherExports.Contains(name),
            SymbolCategory.Loss => KerasNames.Losses.ContainsKey(name) || KerasNames.LossClasses.ContainsKey(name),
            SymbolCategory.Metric => KerasNames.Metrics.ContainsKey(name) || ObjectCatalog.Find(KerasObjectKind.Metric, name) is not null,
            SymbolCategory.Initializer => ObjectCatalog.Find(KerasObjectKind.Initializer, name) is not null,
            SymbolCategory.Regularizer => ObjectCatalog.Find(KerasObjectKind.Regularizer, name) is not null,
            SymbolCategory.Constraint => ObjectCatalog.Find(KerasObjectKind.Constraint, name) is not null,
            SymbolCategory.Callback => ObjectCatalog.Find(KerasObjectKind.Callback, name) is not null || OtherExports.Contains(name),
            SymbolCategory.Activation => KerasNames.Activations.ContainsKey(name),
            SymbolCategory.Backend => false,
            SymbolCategory.Application => !strict && char.IsUpper(name[0]),
            _ => false,
        };
        return known ? Attribute(module.Path, module.Written, name) : null;
    }

    /// <summary>The object kind for a symbol category, or null.</summary>
    public static KerasObjectKind? ObjectKind(SymbolCategory category) => category switch
    {
        SymbolCategory.Optimizer => KerasObjectKind.Optimizer,
        SymbolCategory.Schedule => KerasObjectKind.LearningRateSchedule,
        SymbolCategory.Loss => KerasObjectKind.Loss,
        SymbolCategory.Metric => KerasObjectKind.Metric,
        SymbolCategory.Initializer => KerasObjectKind.Initializer,
        SymbolCategory.Regularizer => KerasObjectKind.Regularizer,
        SymbolCategory.Constraint => KerasObjectKind.Constraint,
        SymbolCategory.Callback => KerasObjectKind.Callback,
        _ => null,
    };
}
