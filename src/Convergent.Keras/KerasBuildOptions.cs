using Convergent.Nn;

namespace Convergent.Keras;

/// <summary>Options of <see cref="KerasModelBuilder.Build(KerasModelSpec, Convergent.Tensors.Shape?, KerasBuildOptions?)"/>.</summary>
public sealed record KerasBuildOptions
{
    /// <summary>Seed of the model's random choices (weights, shuffling, dropout); the engine's default 1337.</summary>
    public int Seed { get; init; } = 1337;

    /// <summary>Whose defaults fill what the script does not say; null decides from the spec (Keras 1 spellings →
    /// Keras 1; a JSON <c>keras_version</c>; otherwise Keras 3, reported as a guess).</summary>
    public KerasGeneration? Generation { get; init; }

    /// <summary>Writes ModelCheckpoint files; null for <see cref="ModelFileWriter"/>.</summary>
    public IModelWriter? ModelWriter { get; init; }
}
