namespace Convergent.Keras;

/// <summary>Something the importer accepted but the user should know: an ignored harmless argument, an
/// assumption it made, a construct it read differently across Keras versions.</summary>
/// <param name="Source">Where, or null for a model-wide note.</param>
/// <param name="Message">One sentence.</param>
public sealed record KerasImportWarning(SourceRef? Source, string Message)
{
    /// <summary><c>file:line:column: message</c>.</summary>
    public override string ToString() => Source is null ? Message : $"{Source}: {Message}";
}
