namespace Convergent.Keras.Python;

/// <summary>A range of source: 1-based first line/column, last line, and character offsets.</summary>
internal readonly record struct SourceSpan(int Line, int Column, int EndLine, int Start, int End)
{
    public static SourceSpan From(Token first, Token last) =>
        new(first.Line, first.Column, last.Line + CountNewlines(last), first.Start, Math.Max(first.Start, last.End));

    public string TextIn(string source) =>
        Start >= 0 && End <= source.Length && End >= Start ? source[Start..End] : "";

    private static int CountNewlines(Token t)
    {
        // Triple-quoted strings span lines; their token records the first line only.
        int n = 0;
        if (t.Kind == TokenKind.String)
        {
            foreach (char c in t.Text)
            {
                if (c == '\n')
                {
                    n++;
                }
            }
        }

        return n;
    }
}
