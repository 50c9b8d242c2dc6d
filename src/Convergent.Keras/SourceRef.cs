namespace Convergent.Keras;

/// <summary>Where something came from: a place in a Python script (1-based line and column) or, for JSON and
/// <c>.keras</c> input, a JSON path such as <c>$.config.layers[3]</c> (then <see cref="Line"/> is 0).</summary>
/// <param name="File">The file name as given to the reader.</param>
/// <param name="Line">1-based first line; 0 for JSON input.</param>
/// <param name="Column">1-based column of the first character; 0 for JSON input.</param>
/// <param name="Text">The source text of the call or statement (newlines kept).</param>
public sealed record SourceRef(string File, int Line, int Column, string Text)
{
    /// <summary>1-based last line (equal to <see cref="Line"/> for one-line text).</summary>
    public int EndLine { get; init; } = Line;

    /// <summary>0-based character offset of the first character in the script text; -1 when unknown (JSON input,
    /// objects made by a fix).</summary>
    public int Start { get; init; } = -1;

    /// <summary>0-based character offset just past the last character (the closing parenthesis of a call); -1 when
    /// unknown.</summary>
    public int End { get; init; } = -1;

    /// <summary>JSON path for JSON input, else null.</summary>
    public string? JsonPath { get; init; }

    /// <summary><c>file:line:column</c>, or <c>file: $.json.path</c>.</summary>
    public override string ToString() => JsonPath is null ? $"{File}:{Line}:{Column}" : $"{File}: {JsonPath}";
}
