namespace Convergent.Keras;

/// <summary>Something the import decided or could not do that the report should show, with where it came from.</summary>
/// <param name="Kind">What kind of note it is.</param>
/// <param name="Message">One sentence for the user, e.g. <c>epochs not given: Keras's default 1 is used</c>.</param>
/// <param name="Source">The statement, layer or argument it is about, or null when it is about the whole model.</param>
public sealed record ImportNote(ImportNoteKind Kind, string Message, SourceRef? Source = null)
{
    /// <summary><c>model.py:12:1: epochs not given: …</c>.</summary>
    public override string ToString() => Source is null ? Message : $"{Source}: {Message}";
}
