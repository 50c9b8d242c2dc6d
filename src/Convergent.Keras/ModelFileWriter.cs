using Convergent.Nn;

namespace Convergent.Keras;

/// <summary>Writes <see cref="ModelCheckpoint"/> files as Convergent model files (<see cref="ModelFile.Save"/>), or
/// as weights (<see cref="ModelFile.SaveWeights"/>) when the checkpoint saves weights only.</summary>
public sealed class ModelFileWriter : IModelWriter
{
    /// <inheritdoc/>
    public void Save(Model model, string path, bool weightsOnly)
    {
        if (weightsOnly)
        {
            ModelFile.SaveWeights(model, path);
        }
        else
        {
            ModelFile.Save(model, path);
        }
    }
}
