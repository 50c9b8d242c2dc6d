using Convergent.Nn;

namespace Convergent.Keras;

/// <summary>
/// An imported Keras model ready to train: the built <see cref="Sequential"/> (compiled when the script compiles
/// it), its optimizer, loss and metrics, the training settings, how the data format was decided, and the notes
/// for the report (defaults filled, statements skipped, warnings).
/// </summary>
public sealed record ImportedModel
{
    /// <summary>The spec the model was built from.</summary>
    public required KerasModelSpec Spec { get; init; }

    /// <summary>The model, built for <see cref="InputShape"/> and compiled when <see cref="IsCompiled"/>.</summary>
    public required Sequential Model { get; init; }

    /// <summary>Input shape without the batch axis.</summary>
    public required Convergent.Tensors.Shape InputShape { get; init; }

    /// <summary>The optimizer (the script's, or Keras's compile default RMSprop), or null when the script does not compile.</summary>
    public Optimizer? Optimizer { get; init; }

    /// <summary>The loss, or null when the script does not compile with one.</summary>
    public Loss? Loss { get; init; }

    /// <summary>The metrics as requested (the model holds them resolved for its loss, e.g. accuracy → categorical).</summary>
    public IReadOnlyList<Metric> Metrics { get; init; } = [];

    /// <summary>The fit settings.</summary>
    public required TrainingSettings Training { get; init; }

    /// <summary>The image data format and why.</summary>
    public required DataFormatDecision DataFormat { get; init; }

    /// <summary>Whose defaults were used.</summary>
    public required KerasGeneration Generation { get; init; }

    /// <summary>What the report should show.</summary>
    public required IReadOnlyList<ImportNote> Notes { get; init; }

    /// <summary>Whether the model has an optimizer and a loss.</summary>
    public bool IsCompiled => Optimizer is not null && Loss is not null;
}
