namespace Convergent.Keras.Catalog;

/// <summary>How a layer was spelled in Keras 1 when its positional arguments differ from Keras 3.</summary>
internal enum LegacyPositionalForm
{
    None,

    /// <summary><c>Convolution2D(nb_filter, nb_row, nb_col, init, activation, weights, border_mode, subsample,
    /// dim_ordering)</c>.</summary>
    Convolution2D,

    /// <summary><c>Convolution1D(nb_filter, filter_length, init, activation, weights, border_mode,
    /// subsample_length)</c>.</summary>
    Convolution1D,
}

/// <summary>One supported layer: its Keras 3 name and arguments, and the older spellings that map onto it.</summary>
internal sealed class LayerDefinition
{
    /// <summary>Keras 3 class name.</summary>
    public required string ClassName { get; init; }

    /// <summary>Other class names accepted (Keras 1/2 names, Keras 3 aliases such as <c>MaxPool2D</c>).</summary>
    public string[] Aliases { get; init; } = [];

    /// <summary>Aliases that only Keras 1 used (marks the script as Keras 1 spelling).</summary>
    public string[] Keras1Aliases { get; init; } = [];

    /// <summary>Spatial rank for tuple arguments (kernel_size, strides ...); 0 when none.</summary>
    public int Rank { get; init; }

    /// <summary>Keras 3 positional parameter order.</summary>
    public required string[] Positional { get; init; }

    /// <summary>Keras 3 arguments (besides the base ones every layer takes).</summary>
    public required ArgSpec[] Args { get; init; }

    /// <summary>Keras 1/2 keyword renames (old → Keras 3).</summary>
    public (string Old, string New)[] Renames { get; init; } = [];

    /// <summary>Arguments without a default.</summary>
    public string[] Required { get; init; } = [];

    /// <summary>True when the layer's meaning depends on the image data format (channel axis).</summary>
    public bool UsesDataFormat { get; init; }

    /// <summary>Keras 1 positional layout for <see cref="Keras1Aliases"/>.</summary>
    public LegacyPositionalForm LegacyForm { get; init; }

    /// <summary>Leading positional arguments the code writer writes without a keyword.</summary>
    public int WriterPositionalCount { get; init; }

    public ArgSpec? FindArg(string name) => Array.Find(Args, a => a.Name == name);
}
