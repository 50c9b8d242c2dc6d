namespace Convergent.Keras.Python;

/// <summary>Kinds of Python tokens (the subset of CPython's token module the parser needs).</summary>
internal enum TokenKind
{
    Name,
    Number,
    String,
    Operator,
    Newline,
    Indent,
    Dedent,
    EndOfFile,

    /// <summary>A notebook line such as <c>%matplotlib inline</c> or <c>!pip install keras</c>: users paste
    /// notebook cells, and these lines are not Python.</summary>
    Magic,
}

/// <summary>String literal prefixes that change meaning.</summary>
[Flags]
internal enum StringFlags
{
    None = 0,
    Raw = 1,
    Bytes = 2,
    Format = 4,
}

/// <summary>One token with its place: 1-based line/column and character offsets into the source.</summary>
/// <param name="Kind">Token kind.</param>
/// <param name="Text">Source text (operators and names; for strings and numbers the literal as written).</param>
/// <param name="Line">1-based line of the first character.</param>
/// <param name="Column">1-based column of the first character.</param>
/// <param name="Start">Offset of the first character.</param>
/// <param name="End">Offset after the last character.</param>
internal readonly record struct Token(TokenKind Kind, string Text, int Line, int Column, int Start, int End)
{
    /// <summary>Decoded string, or the number as <see cref="long"/>/<see cref="double"/>; imaginary literals
    /// are kept as their text.</summary>
    public object? Value { get; init; }

    /// <summary>String prefixes.</summary>
    public StringFlags Flags { get; init; }

    /// <summary>Number with a <c>j</c> suffix.</summary>
    public bool IsImaginary { get; init; }

    public bool Is(string op) => Kind == TokenKind.Operator && Text == op;

    public bool IsKeyword(string keyword) => Kind == TokenKind.Name && Text == keyword;

    public override string ToString() => Kind switch
    {
        TokenKind.Newline => "end of line",
        TokenKind.Indent => "indent",
        TokenKind.Dedent => "dedent",
        TokenKind.EndOfFile => "end of file",
        _ => $"'{(Text.Length > 40 ? Text[..40] + "…" : Text)}'",
    };
}
