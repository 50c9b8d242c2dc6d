using Convergent.Nn;

namespace Convergent.Keras;

/// <summary>
/// How the script trains the model — the arguments of <c>fit</c> with Keras's defaults filled in (each with its
/// origin), the callbacks created, and what the data must provide.
/// </summary>
public sealed record TrainingSettings
{
    /// <summary>Index of the epoch to stop after (Keras <c>epochs</c>, Keras 1 <c>nb_epoch</c>; default 1).</summary>
    public required Setting<int> Epochs { get; init; }

    /// <summary>Samples per step (default 32).</summary>
    public required Setting<int> BatchSize { get; init; }

    /// <summary>Fraction taken from the end of the arrays for validation, before shuffling (default 0).</summary>
    public required Setting<double> ValidationSplit { get; init; }

    /// <summary>Whether samples are shuffled every epoch (default true; Keras 1/2 <c>shuffle='batch'</c> counts as true).</summary>
    public required Setting<bool> Shuffle { get; init; }

    /// <summary>Epoch to start at (default 0).</summary>
    public required Setting<int> InitialEpoch { get; init; }

    /// <summary>0 silent, 1 progress bar, 2 one line per epoch (default 1; <c>"auto"</c> is 1).</summary>
    public required Setting<int> Verbose { get; init; }

    /// <summary>Loss weight per class index, or null (the default).</summary>
    public required Setting<IReadOnlyDictionary<int, double>?> ClassWeight { get; init; }

    /// <summary>Where the optimizer came from: the script, or Keras's compile default <c>"rmsprop"</c>.</summary>
    public required SettingOrigin OptimizerOrigin { get; init; }

    /// <summary>The callbacks to pass to <see cref="Model.Fit"/>, in the script's order (those that are not run are
    /// in the notes instead).</summary>
    public IReadOnlyList<Callback> Callbacks { get; init; } = [];

    /// <summary>Source text of <c>validation_data</c> when the script gives it; the caller supplies the arrays.</summary>
    public string? ValidationDataSource { get; init; }

    /// <summary><c>steps_per_epoch</c> when given (generators), else null.</summary>
    public int? StepsPerEpoch { get; init; }

    /// <summary>Whether the script trains from a generator (<c>fit_generator</c> or a dataset).</summary>
    public bool UsesGenerator { get; init; }
}
