namespace Convergent.Nn;

/// <summary>Writes a model to a file; the file format lives outside Nn (the saving project implements this), so
/// <see cref="ModelCheckpoint"/> depends only on this interface.</summary>
public interface IModelWriter
{
    /// <summary>Saves <paramref name="model"/> to <paramref name="path"/>, overwriting it: the whole model, or only
    /// the weights when <paramref name="weightsOnly"/>.</summary>
    void Save(Model model, string path, bool weightsOnly);
}
