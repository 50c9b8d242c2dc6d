namespace Convergent.Keras;

/// <summary>
/// A Sequential Keras model and its training setup as the user wrote them, normalized to Keras 3 names: the
/// importer's output, input to the mapping onto engine layers, to the doctor's fixes and to
/// <see cref="Export.KerasCodeWriter"/>. Unchanged Keras defaults are not filled in here.
/// </summary>
public sealed record KerasModelSpec
{
    /// <summary>The file name as given to the reader.</summary>
    public required string SourceFile { get; init; }

    /// <summary>What the model was read from.</summary>
    public ModelSourceKind SourceKind { get; init; }

    /// <summary>The <c>name=</c> of the Sequential model, or null.</summary>
    public string? Name { get; init; }

    /// <summary>The layers in order (the input layer is not among them: see <see cref="InputShape"/>).</summary>
    public required IReadOnlyList<LayerSpec> Layers { get; init; }

    /// <summary>Input shape without the batch dimension (from <c>keras.Input</c>, <c>InputLayer</c>, or the first
    /// layer's <c>input_shape</c>/<c>input_dim</c>), or null when the script does not give it.</summary>
    public int?[]? InputShape { get; init; }

    /// <summary>A fixed batch size from <c>batch_input_shape</c>/<c>batch_shape</c>/<c>batch_size</c>, or null.</summary>
    public int? InputBatchSize { get; init; }

    /// <summary>The input <c>dtype</c> when given, or null.</summary>
    public string? InputDType { get; init; }

    /// <summary>Image data format and how it was decided.</summary>
    public DataFormatChoice ImageDataFormat { get; init; } = new(null, "not given", false);

    /// <summary><c>model.compile(...)</c>, or null when the script does not compile.</summary>
    public CompileSpec? Compile { get; init; }

    /// <summary>The first <c>model.fit(...)</c>/<c>fit_generator(...)</c>, or null.</summary>
    public FitSpec? Fit { get; init; }

    /// <summary>Statements that were not evaluated because they do not define the model or its training.</summary>
    public IReadOnlyList<SkippedStatement> Skipped { get; init; } = [];

    /// <summary>Things accepted that the user should know about.</summary>
    public IReadOnlyList<KerasImportWarning> Warnings { get; init; } = [];

    /// <summary>True when the script uses Keras 1 spellings (<c>Convolution2D</c>, <c>border_mode</c>,
    /// <c>nb_epoch</c> ...): Keras 1 defaults (e.g. optimizer epsilon) then apply at the later step.</summary>
    public bool UsesKeras1Spelling { get; init; }

    /// <summary><c>keras_version</c> from JSON input, or null.</summary>
    public string? KerasVersion { get; init; }
}
