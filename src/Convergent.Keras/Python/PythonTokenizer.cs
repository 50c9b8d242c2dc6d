using System.Globalization;
using System.Text;

namespace Convergent.Keras.Python;

/// <summary>
/// Splits Python source into tokens the way CPython's tokenizer does for the parts Keras scripts use: logical
/// lines (implicit joining inside brackets, <c>\</c> continuation), INDENT/DEDENT from a stack of column
/// widths (tabs to multiples of 8), comments, every string literal form (quotes, triple quotes, r/b/u/f
/// prefixes) and number form (<c>1e-3</c>, <c>0x1F</c>, <c>1_000</c>, <c>.5</c>, <c>2j</c>).
/// Limits make hostile input fail fast: bracket nesting, literal sizes and 64-bit integers.
/// </summary>
internal sealed partial class PythonTokenizer
{
    /// <summary>CPython's own tokenizer stops at 200 nested brackets (MAXLEVEL), so valid scripts stay below.</summary>
    public const int MaxBracketDepth = 200;

    /// <summary>1 MB: no Keras script needs a longer literal; a longer one is hostile or a data blob.</summary>
    public const int MaxStringLength = 1 << 20;

    /// <summary>Keras scripts have a few thousand tokens; this bounds the parser's work and memory before it
    /// starts, and with it any literal (a list of a million elements needs two million tokens).</summary>
    public const int MaxTokens = 500_000;

    private static readonly string[] Operators =
    [
        "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", ">>", "<<", "<=", ">=", "==", "!=", "+=", "-=",
        "*=", "/=", "%=", "&=", "|=", "^=", "@=", "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "(",
        ")", "[", "]", "{", "}", ",", ":", ".", ";", "=",
    ];

    private readonly string _src;
    private readonly string _file;
    private readonly List<Token> _tokens = [];
    private readonly Stack<int> _indents = new();
    private readonly List<(char Open, int Line, int Column)> _brackets = [];
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    private PythonTokenizer(string source, string file)
    {
        _src = source;
        _file = file;
        _indents.Push(0);
        if (_src.Length > 0 && _src[0] == '\uFEFF')
        {
            _pos = 1;
            _lineStart = 1;
        }
    }

    /// <summary>Tokenizes <paramref name="source"/>; throws <see cref="KerasImportException"/> on a lexical error.</summary>
    public static List<Token> Tokenize(string source, string file)
    {
        var tokenizer = new PythonTokenizer(source, file);
        tokenizer.Run();
        return tokenizer._tokens;
    }

    private int Column => _pos - _lineStart + 1;

    private void Run()
    {
        bool atLineStart = true;
        while (true)
        {
            if (atLineStart && _brackets.Count == 0)
            {
                if (!StartLogicalLine())
                {
                    break;
                }

                atLineStart = false;
                if (_pos < _src.Length && (_src[_pos] == '%' || _src[_pos] == '!'))
                {
                    ReadMagicLine();
                    atLineStart = true;
                    continue;
                }
            }

            if (_pos >= _src.Length)
            {
                break;
            }

            char c = _src[_pos];
            if (c == ' ' || c == '\t' || c == '\f')
            {
                _pos++;
            }
            else if (c == '#')
            {
                SkipComment();
            }
            else if (c == '\\')
            {
                int after = _pos + 1;
                if (after < _src.Length && (_src[after] == '\n' || _src[after] == '\r'))
                {
                    _pos = after;
                    ConsumeNewline();
                }
                else
                {
                    throw Error(_line, Column, "unexpected character after line continuation character");
                }
            }
            else if (c == '\n' || c == '\r')
            {
                if (_brackets.Count == 0)
                {
                    Add(TokenKind.Newline, _pos, _pos + 1, "\n");
                    atLineStart = true;
                }

                ConsumeNewline();
            }
            else if (IsIdentifierStart(c))
            {
                ReadNameOrPrefixedString();
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _src.Length && char.IsAsciiDigit(_src[_pos + 1])))
            {
                ReadNumber();
            }
            else if (c == '"' || c == '\'')
            {
                ReadString(_pos, StringFlags.None);
            }
            else
            {
                ReadOperator();
            }
        }

        if (_brackets.Count > 0)
        {
            var (open, line, column) = _brackets[^1];
            throw Error(line, column, $"'{open}' was never closed");
        }

        if (_tokens.Count > 0 && _tokens[^1].Kind is not (TokenKind.Newline or TokenKind.Dedent))
        {
            Add(TokenKind.Newline, _src.Length, _src.Length, "");
        }

        while (_indents.Count > 1)
        {
            _indents.Pop();
            Add(TokenKind.Dedent, _src.Length, _src.Length, "");
        }

        Add(TokenKind.EndOfFile, _src.Length, _src.Length, "");
    }

    /// <summary>Skips blank and comment-only lines, then emits INDENT/DEDENT for the next logical line.
    /// Returns false at end of input.</summary>
    private bool StartLogicalLine()
    {
        while (true)
        {
            int width = 0;
            int p = _pos;
            while (p < _src.Length && (_src[p] == ' ' || _src[p] == '\t' || _src[p] == '\f'))
            {
                width = _src[p] switch
                {
                    '\t' => ((width / 8) + 1) * 8,
                    '\f' => 0,
                    _ => width + 1,
                };
                p++;
            }

            if (p >= _src.Length)
            {
                _pos = p;
                return false;
            }

            char c = _src[p];
            if (c == '#')
            {
                _pos = p;
                SkipComment();
                if (_pos >= _src.Length)
                {
                    return false;
                }

                ConsumeNewline();
                continue;
            }

            if (c == '\n' || c == '\r')
            {
                _pos = p;
                ConsumeNewline();
                continue;
            }

            if (c == '\\' && p + 1 < _src.Length && (_src[p + 1] == '\n' || _src[p + 1] == '\r'))
            {
                _pos = p + 1;
                ConsumeNewline();
                continue;
            }

            _pos = p;
            if (width > _indents.Peek())
            {
                _indents.Push(width);
                Add(TokenKind.Indent, _pos, _pos, "");
            }
            else if (width < _indents.Peek())
            {
                while (width < _indents.Peek())
                {
                    _indents.Pop();
                    Add(TokenKind.Dedent, _pos, _pos, "");
                }

                if (width != _indents.Peek())
                {
                    throw Error(_line, Column, "unindent does not match any outer indentation level");
                }
            }

            return true;
        }
    }

    private void ReadMagicLine()
    {
        int start = _pos;
        int startColumn = Column;
        while (_pos < _src.Length && _src[_pos] != '\n' && _src[_pos] != '\r')
        {
            _pos++;
        }

        _tokens.Add(new Token(TokenKind.Magic, _src[start.._pos], _line, startColumn, start, _pos));
        Add(TokenKind.Newline, _pos, _pos, "\n");
        if (_pos < _src.Length)
        {
            ConsumeNewline();
        }
    }

    private void SkipComment()
    {
        while (_pos < _src.Length && _src[_pos] != '\n' && _src[_pos] != '\r')
        {
            _pos++;
        }
    }

    private void ConsumeNewline()
    {
        if (_src[_pos] == '\r' && _pos + 1 < _src.Length && _src[_pos + 1] == '\n')
        {
            _pos++;
        }

        _pos++;
        _line++;
        _lineStart = _pos;
    }

    private static bool IsIdentifierStart(char c) => c == '_' || char.IsLetter(c);

    private static bool IsIdentifierPart(char c) =>
        c == '_' || char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation;

    private void ReadNameOrPrefixedString()
    {
        int start = _pos;
        while (_pos < _src.Length && IsIdentifierPart(_src[_pos]))
        {
            _pos++;
        }

        string name = _src[start.._pos];
        if (_pos < _src.Length && (_src[_pos] == '\'' || _src[_pos] == '"') && TryStringPrefix(name, out var flags))
        {
            ReadString(start, flags);
            return;
        }

        CheckTokenCount(start);
        _tokens.Add(new Token(TokenKind.Name, name, _line, start - _lineStart + 1, start, _pos));
    }

    private static bool TryStringPrefix(string name, out StringFlags flags)
    {
        flags = StringFlags.None;
        if (name.Length > 2)
        {
            return false;
        }

        foreach (char ch in name.ToLowerInvariant())
        {
            StringFlags f = ch switch
            {
                'r' => StringFlags.Raw,
                'b' => StringFlags.Bytes,
                'f' => StringFlags.Format,
                'u' => StringFlags.None,
                _ => (StringFlags)(-1),
            };
            if ((int)f == -1 || (f != StringFlags.None && flags.HasFlag(f)))
            {
                return false;
            }

            flags |= f;
        }

        bool hasU = name.Contains('u', StringComparison.OrdinalIgnoreCase);
        bool valid = !(hasU && name.Length > 1) && !(flags.HasFlag(StringFlags.Bytes) && flags.HasFlag(StringFlags.Format));
        return valid;
    }

    private void ReadOperator()
    {
        foreach (string op in Operators)
        {
            if (string.CompareOrdinal(_src, _pos, op, 0, op.Length) != 0)
            {
                continue;
            }

            int column = Column;
            if (op is "(" or "[" or "{")
            {
                if (_brackets.Count >= MaxBracketDepth)
                {
                    throw Error(_line, column, $"too many nested brackets (more than {MaxBracketDepth})");
                }

                _brackets.Add((op[0], _line, column));
            }
            else if (op is ")" or "]" or "}")
            {
                char expectedOpen = op == ")" ? '(' : op == "]" ? '[' : '{';
                if (_brackets.Count == 0)
                {
                    throw Error(_line, column, $"unmatched '{op}'");
                }

                var (open, line, col) = _brackets[^1];
                if (open != expectedOpen)
                {
                    throw Error(_line, column,
                        $"closing '{op}' does not match opening '{open}' at line {line}, column {col}");
                }

                _brackets.RemoveAt(_brackets.Count - 1);
            }

            Add(TokenKind.Operator, _pos, _pos + op.Length, op);
            _pos += op.Length;
            return;
        }

        char bad = _src[_pos];
        string shown = char.IsControl(bad) ? $"U+{(int)bad:X4}" : bad.ToString();
        throw Error(_line, Column, $"invalid character '{shown}'");
    }

    private void Add(TokenKind kind, int start, int end, string text)
    {
        CheckTokenCount(start);
        _tokens.Add(new Token(kind, text, _line, start - _lineStart + 1, start, end));
    }

    private void CheckTokenCount(int at)
    {
        if (_tokens.Count >= MaxTokens)
        {
            throw Error(_line, at - _lineStart + 1, $"script has more than {MaxTokens:N0} tokens; the importer reads Keras scripts, which have a few thousand");
        }
    }

    private KerasImportException Error(int line, int column, string reason) =>
        new(_file, line, column, LineText(_src, line), "syntax error: " + reason);

    /// <summary>The text of 1-based <paramref name="line"/> (capped at 400 characters).</summary>
    internal static string LineText(string src, int line)
    {
        int start = 0;
        int current = 1;
        while (current < line && start < src.Length)
        {
            int nl = src.IndexOfAny(['\n', '\r'], start);
            if (nl < 0)
            {
                return "";
            }

            start = nl + (src[nl] == '\r' && nl + 1 < src.Length && src[nl + 1] == '\n' ? 2 : 1);
            current++;
        }

        int end = src.IndexOfAny(['\n', '\r'], start);
        if (end < 0)
        {
            end = src.Length;
        }

        return end - start > 400 ? src.Substring(start, 400) : src[start..end];
    }
}
