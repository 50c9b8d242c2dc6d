namespace Convergent.Keras;

/// <summary>The arguments of <c>model.fit(...)</c> or <c>fit_generator(...)</c>, normalized to Keras 3 names
/// (<c>nb_epoch</c> → <see cref="Epochs"/>). Null means "not given"; Keras defaults are filled later.</summary>
public sealed record FitSpec
{
    /// <summary>Where <c>fit</c> was called.</summary>
    public required SourceRef Source { get; init; }

    /// <summary><c>epochs</c> (Keras 1 <c>nb_epoch</c>).</summary>
    public int? Epochs { get; init; }

    /// <summary><c>batch_size</c>.</summary>
    public int? BatchSize { get; init; }

    /// <summary><c>validation_split</c>, a fraction taken from the end of the arrays before shuffling.</summary>
    public double? ValidationSplit { get; init; }

    /// <summary><c>shuffle</c>: true, false; null when not given. <c>shuffle='batch'</c> is kept in
    /// <see cref="ShuffleMode"/>.</summary>
    public bool? Shuffle { get; init; }

    /// <summary><c>shuffle='batch'</c> (Keras 1/2 HDF5 mode) when given as a string, else null.</summary>
    public string? ShuffleMode { get; init; }

    /// <summary><c>class_weight</c> as written (a <see cref="KerasDict"/>, or <c>'auto'</c> in Keras 1), or null.</summary>
    public KerasValue? ClassWeight { get; init; }

    /// <summary>Arguments whose values the script computes from its data (e.g.
    /// <c>steps_per_epoch=len(x_train) // 64</c>, <c>class_weight=weights</c>), by name, with their source text.
    /// A later step can evaluate them against the data; they are not in the typed properties.</summary>
    public IReadOnlyDictionary<string, string> DataDependent { get; init; } = new Dictionary<string, string>();

    /// <summary>Callbacks (EarlyStopping, ModelCheckpoint, ReduceLROnPlateau ...).</summary>
    public IReadOnlyList<KerasObjectSpec> Callbacks { get; init; } = [];

    /// <summary><c>initial_epoch</c>.</summary>
    public int? InitialEpoch { get; init; }

    /// <summary><c>verbose</c>: 0, 1, 2 or <c>"auto"</c>.</summary>
    public KerasValue? Verbose { get; init; }

    /// <summary>True when <c>validation_data</c> was given.</summary>
    public bool HasValidationData { get; init; }

    /// <summary>Source text of <c>validation_data</c> (e.g. <c>(x_test, y_test)</c>), or null.</summary>
    public string? ValidationDataSource { get; init; }

    /// <summary><c>steps_per_epoch</c>.</summary>
    public int? StepsPerEpoch { get; init; }

    /// <summary>Keras 1 <c>fit_generator</c> <c>samples_per_epoch</c> (samples, not steps), kept apart because
    /// it means something else than <see cref="StepsPerEpoch"/>.</summary>
    public int? SamplesPerEpoch { get; init; }

    /// <summary><c>validation_steps</c> (Keras 1 <c>nb_val_samples</c> is kept in <see cref="ValidationSamples"/>).</summary>
    public int? ValidationSteps { get; init; }

    /// <summary>Keras 1 <c>nb_val_samples</c>.</summary>
    public int? ValidationSamples { get; init; }

    /// <summary><c>validation_batch_size</c>.</summary>
    public int? ValidationBatchSize { get; init; }

    /// <summary><c>validation_freq</c>.</summary>
    public int? ValidationFreq { get; init; }

    /// <summary>True for <c>fit_generator</c> (or <c>fit</c> given a generator in the Keras 1 style).</summary>
    public bool UsesGenerator { get; init; }

    /// <summary>Source text of the inputs (<c>x</c>, or the generator), or null.</summary>
    public string? XSource { get; init; }

    /// <summary>Source text of the targets (<c>y</c>), or null.</summary>
    public string? YSource { get; init; }

    /// <summary>Source text of <c>sample_weight</c>, or null.</summary>
    public string? SampleWeightSource { get; init; }
}
