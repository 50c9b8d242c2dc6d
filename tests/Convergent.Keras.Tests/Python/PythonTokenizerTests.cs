using Convergent.Keras.Python;

namespace Convergent.Keras.Tests.Python;

public class PythonTokenizerTests
{
    private static List<Token> Lex(string source) => PythonTokenizer.Tokenize(source, "t.py");

    private static string Kinds(string source) =>
        string.Join(" ", Lex(source).Select(t => t.Kind switch
        {
            TokenKind.Name or TokenKind.Operator => t.Text,
            TokenKind.Number => "NUM",
            TokenKind.String => "STR",
            TokenKind.Newline => "NL",
            TokenKind.Indent => "INDENT",
            TokenKind.Dedent => "DEDENT",
            TokenKind.Magic => "MAGIC",
            _ => "EOF",
        }));

    [Fact]
    public void Tokenize_SimpleCall_HasLinesAndColumns()
    {
        var tokens = Lex("x = 1\nmodel.add(Dense(10))\n");

        var dense = tokens.Single(t => t.Text == "Dense");
        Assert.Equal(2, dense.Line);
        Assert.Equal(11, dense.Column);
        Assert.Equal("x = NUM NL model . add ( Dense ( NUM ) ) NL EOF", Kinds("x = 1\nmodel.add(Dense(10))\n"));
    }

    [Fact]
    public void Tokenize_IndentedBlock_EmitsIndentAndDedent()
    {
        Assert.Equal("for i in range ( NUM ) : NL INDENT x = i NL DEDENT y = NUM NL EOF",
            Kinds("for i in range(3):\n    x = i\ny = 2\n"));
    }

    [Fact]
    public void Tokenize_BlankAndCommentLinesInsideBlock_DoNotChangeIndentation()
    {
        Assert.Equal("if a : NL INDENT b NL c NL DEDENT EOF",
            Kinds("if a:\n    b\n\n# comment at column 0\n        # deeper comment\n    c\n"));
    }

    [Fact]
    public void Tokenize_NewlinesInsideBrackets_AreJoined()
    {
        Assert.Equal("f ( a , b ) NL EOF", Kinds("f(a,\n  b)\n"));
    }

    [Fact]
    public void Tokenize_BackslashContinuation_JoinsLines()
    {
        Assert.Equal("x = NUM + NUM NL EOF", Kinds("x = 1 + \\\n    2\n"));
    }

    [Fact]
    public void Tokenize_CommentAfterCode_Ignored()
    {
        Assert.Equal("x = NUM NL EOF", Kinds("x = 1  # the answer\n"));
    }

    [Theory]
    [InlineData("'a\\tb'", "a\tb")]
    [InlineData("\"it's\"", "it's")]
    [InlineData("r'C:\\new'", "C:\\new")]
    [InlineData("'''line1\nline2'''", "line1\nline2")]
    [InlineData("\"\"\"say \"hi\" \"\"\"", "say \"hi\" ")]
    [InlineData("u'\\u00e9t\\xe9'", "été")]
    [InlineData("b'\\x00'", "\0")]
    [InlineData("'a\\\nb'", "ab")]
    [InlineData("'\\q'", "\\q")]
    public void Tokenize_StringLiteralForms_DecodeAsPython(string literal, string expected)
    {
        var token = Lex(literal + "\n")[0];

        Assert.Equal(TokenKind.String, token.Kind);
        Assert.Equal(expected, token.Value);
    }

    [Fact]
    public void Tokenize_StringPrefixes_SetFlags()
    {
        Assert.Equal(StringFlags.Raw | StringFlags.Bytes, Lex("rb'x'\n")[0].Flags);
        Assert.Equal(StringFlags.Format, Lex("f'{x}'\n")[0].Flags);
        Assert.Equal(StringFlags.Raw | StringFlags.Format, Lex("Rf'{x}'\n")[0].Flags);
    }

    [Theory]
    [InlineData("42", 42L)]
    [InlineData("0x1F", 31L)]
    [InlineData("0o17", 15L)]
    [InlineData("0b101", 5L)]
    [InlineData("1_000_000", 1000000L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("0", 0L)]
    public void Tokenize_IntegerForms_ParseToLong(string literal, long expected)
    {
        Assert.Equal(expected, Lex(literal + "\n")[0].Value);
    }

    [Theory]
    [InlineData("1e-3", 1e-3)]
    [InlineData("1.", 1.0)]
    [InlineData(".5", 0.5)]
    [InlineData("3.14_15", 3.1415)]
    [InlineData("2E+10", 2e10)]
    [InlineData("1e400", double.PositiveInfinity)]
    public void Tokenize_FloatForms_ParseToDouble(string literal, double expected)
    {
        Assert.Equal(expected, Lex(literal + "\n")[0].Value);
    }

    [Fact]
    public void Tokenize_ImaginaryLiteral_MarkedImaginary()
    {
        Assert.True(Lex("2j\n")[0].IsImaginary);
    }

    [Fact]
    public void Tokenize_NotebookMagicAtLineStart_IsMagicToken()
    {
        Assert.Equal("MAGIC NL MAGIC NL x = NUM NL EOF", Kinds("%matplotlib inline\n!pip install keras\nx = 1\n"));
    }

    [Fact]
    public void Tokenize_TabIndentation_CountsToMultiplesOfEight()
    {
        Assert.Equal("if a : NL INDENT b NL c NL DEDENT EOF", Kinds("if a:\n\tb\n        c\n"));
    }

    [Fact]
    public void Tokenize_CrLfLineEndings_SameAsLf()
    {
        Assert.Equal(Kinds("a = 1\nb = 2\n"), Kinds("a = 1\r\nb = 2\r\n"));
        Assert.Equal(2, Lex("a = 1\r\nb = 2\r\n").Single(t => t.Text == "b").Line);
    }

    [Fact]
    public void Tokenize_OperatorsLongestMatch_ThreeCharOperatorsFirst()
    {
        Assert.Equal("x **= NUM // NUM NL EOF", Kinds("x **= 2 // 3\n"));
    }

    [Theory]
    [InlineData("x = 'abc\ny = 1\n", 1, 5, "unterminated string literal (detected at line 1)")]
    [InlineData("x = '''abc\ny = 1\n", 1, 5, "unterminated triple-quoted string literal")]
    [InlineData("f(a, [1, 2)\n", 1, 11, "closing ')' does not match opening '[' at line 1, column 6")]
    [InlineData("x = 1)\n", 1, 6, "unmatched ')'")]
    [InlineData("model.add(Dense(10\n", 1, 16, "'(' was never closed")]
    [InlineData("x = 007\n", 1, 5, "leading zeros in decimal integer literals are not permitted")]
    [InlineData("x = 1__0\n", 1, 5, "invalid decimal literal: misplaced underscore")]
    [InlineData("x = 0xZZ\n", 1, 5, "invalid hexadecimal literal")]
    [InlineData("x = 1e\n", 1, 5, "invalid float literal: exponent has no digits")]
    [InlineData("x = $\n", 1, 5, "invalid character '$'")]
    [InlineData("if a:\n    b\n  c\n", 3, 3, "unindent does not match any outer indentation level")]
    [InlineData("x = 1 \\ 2\n", 1, 7, "unexpected character after line continuation character")]
    [InlineData("x = 99999999999999999999\n", 1, 5, "integer literal 99999999999999999999 does not fit in 64 bits")]
    public void Tokenize_LexicalError_ReportsLineColumnAndReason(string source, int line, int column, string reason)
    {
        var e = Assert.Throws<KerasImportException>(() => Lex(source));

        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Equal("syntax error: " + reason, e.Reason);
        Assert.StartsWith($"t.py:{line}:{column}: syntax error: ", e.Message);
    }
}
