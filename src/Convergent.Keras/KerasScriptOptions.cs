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

    /// <summary>
    /// Shapes of the script's data arrays (e.g. <c>x_train</c> → 60000×28×28×1), known to the caller from the data.
    /// A name bound to data the importer cannot load becomes an array of that shape, so <c>x_train.shape[1:]</c>,
    /// <c>len(x)</c>, <c>x.reshape(...)</c> and <c>x / 255</c> evaluate; a warning records each use.
    /// </summary>
    public IReadOnlyDictionary<string, int[]> ArrayShapes { get; init; } = new Dictionary<string, int[]>();
}
