namespace Convergent.Keras;

/// <summary>
/// A model or weights file cannot be read: not a zip, truncated, a member missing or corrupt, or a value that does
/// not fit the model. The message names the file, the member (<c>model.weights.npz</c>) and the field
/// (<c>dense/kernel</c>, a JSON path) where known, e.g.
/// <c>model.cvg [model.weights.npz] (dense/kernel): shape (3, 4) but the model's weight has shape (4, 3)</c>.
/// </summary>
public sealed class ModelFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelFileException(string file, string? member, string? field, string reason, Exception? inner = null)
        : base(Compose(file, member, field, reason), inner)
    {
        File = file;
        Member = member;
        Field = field;
        Reason = reason;
    }

    /// <summary>The file as given.</summary>
    public string File { get; }

    /// <summary>The archive member at fault (<c>config.json</c>, <c>model.weights.npz</c> …), or null.</summary>
    public string? Member { get; }

    /// <summary>The weight, slot or JSON path at fault, or null.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, without the place.</summary>
    public string Reason { get; }

    private static string Compose(string file, string? member, string? field, string reason)
    {
        string name = Path.GetFileName(file) is { Length: > 0 } n ? n : file;
        return name + (member is null ? "" : $" [{member}]") + (field is null ? "" : $" ({field})") + ": " + reason;
    }
}
