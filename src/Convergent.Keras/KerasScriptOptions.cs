namespace Convergent.Keras;

/// <summary>Options for <see cref="KerasScriptReader"/>.</summary>
public sealed record KerasScriptOptions
{
    /// <summary>
    /// Values for names the script computes from data (e.g. <c>num_classes = y.shape[1]</c>), supplied by the
    /// caller (from the data, or asked of the user). When the script binds such a name to a value the importer
    /// cannot know, the supplied value is used instead and a warning says so.
    /// </summary>
    public IReadOnlyDictionary<string, KerasValue> Bindings { get; init; } = new Dictionary<string, KerasValue>();
}
