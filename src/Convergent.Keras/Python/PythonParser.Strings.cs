using System.Text;

namespace Convergent.Keras.Python;

internal sealed partial class PythonParser
{
    /// <summary>Adjacent string literals concatenate; f-strings among them become an <see cref="FStringExpr"/>.</summary>
    private Expr ParseStrings()
    {
        var first = Peek;
        var parts = new List<object>();
        bool anyFormat = false;
        bool? bytes = null;
        var plain = new StringBuilder();
        while (Peek.Kind == TokenKind.String)
        {
            var token = Next();
            bool isBytes = token.Flags.HasFlag(StringFlags.Bytes);
            if (bytes is not null && bytes != isBytes)
            {
                throw Error(token, "cannot mix bytes and nonbytes literals");
            }

            bytes = isBytes;
            if (token.Flags.HasFlag(StringFlags.Format))
            {
                anyFormat = true;
                if (plain.Length > 0)
                {
                    parts.Add(plain.ToString());
                    plain.Clear();
                }

                parts.AddRange(ParseFStringParts(token));
            }
            else
            {
                plain.Append((string)token.Value!);
            }

            if (plain.Length > PythonTokenizer.MaxStringLength)
            {
                throw Error(token, "string literal longer than 1 MB");
            }
        }

        if (!anyFormat)
        {
            var kind = bytes == true ? ConstantKind.Bytes : ConstantKind.Str;
            return Spanned(new ConstantExpr(kind, plain.ToString()), first);
        }

        if (plain.Length > 0)
        {
            parts.Add(plain.ToString());
        }

        return Spanned(new FStringExpr(parts), first);
    }

    /// <summary>Splits an f-string token into literal text and replacement fields. Fields are parsed from the
    /// raw source, so their spans point into the script.</summary>
    private List<object> ParseFStringParts(Token token)
    {
        string text = token.Text;
        int prefixLength = 0;
        while (text[prefixLength] != '\'' && text[prefixLength] != '"')
        {
            prefixLength++;
        }

        char quote = text[prefixLength];
        int quoteLength = text.Length >= prefixLength + 6 && text[prefixLength + 1] == quote && text[prefixLength + 2] == quote ? 3 : 1;
        int bodyStart = prefixLength + quoteLength;
        int bodyEnd = text.Length - quoteLength;
        bool raw = token.Flags.HasFlag(StringFlags.Raw);
        var parts = new List<object>();
        var literal = new StringBuilder();
        int i = bodyStart;
        while (i < bodyEnd)
        {
            char c = text[i];
            if (c == '{' && i + 1 < bodyEnd && text[i + 1] == '{')
            {
                literal.Append('{');
                i += 2;
                continue;
            }

            if (c == '}' && i + 1 < bodyEnd && text[i + 1] == '}')
            {
                literal.Append('}');
                i += 2;
                continue;
            }

            if (c == '{')
            {
                if (literal.Length > 0)
                {
                    parts.Add(DecodeLiteral(literal.ToString(), raw));
                    literal.Clear();
                }

                i = ParseFormattedField(token, i + 1, bodyEnd, parts);
                continue;
            }

            if (c == '\\' && !raw && i + 1 < bodyEnd)
            {
                literal.Append(c).Append(text[i + 1]);
                i += 2;
                continue;
            }

            literal.Append(c);
            i++;
        }

        if (literal.Length > 0)
        {
            parts.Add(DecodeLiteral(literal.ToString(), raw));
        }

        return parts;
    }

    /// <summary>Parses one replacement field starting after its '{'; returns the index after its '}'.</summary>
    private int ParseFormattedField(Token token, int start, int bodyEnd, List<object> parts)
    {
        string text = token.Text;
        int depth = 0;
        int i = start;
        int exprEnd = -1;
        char conversion = '\0';
        while (i < bodyEnd)
        {
            char c = text[i];
            if (c is '\'' or '"')
            {
                int close = text.IndexOf(c, i + 1);
                i = close < 0 ? bodyEnd : close + 1;
                continue;
            }

            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']')
            {
                depth--;
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0 && (c == '}' || c == ':' || (c == '!' && i + 1 < bodyEnd && text[i + 1] != '=')))
            {
                exprEnd = i;
                break;
            }

            i++;
        }

        if (exprEnd < 0)
        {
            throw Error(token, "f-string: expecting '}'");
        }

        // f"{epoch=}" (Python 3.8) prints the expression text too; the expression is what precedes the '='.
        int fieldEnd = exprEnd;
        while (fieldEnd > start && char.IsWhiteSpace(text[fieldEnd - 1]))
        {
            fieldEnd--;
        }

        if (fieldEnd > start + 1 && text[fieldEnd - 1] == '=' && text[fieldEnd - 2] is not ('=' or '!' or '<' or '>'))
        {
            fieldEnd--;
        }
        else
        {
            fieldEnd = exprEnd;
        }

        var expr = ParseFieldExpression(token, start, fieldEnd);
        i = exprEnd;
        if (text[i] == '!')
        {
            conversion = i + 1 < bodyEnd ? text[i + 1] : 'r';
            i += 2;
        }

        string? spec = null;
        if (i < bodyEnd && text[i] == ':')
        {
            int specStart = i + 1;
            int braces = 0;
            i = specStart;
            while (i < bodyEnd && !(text[i] == '}' && braces == 0))
            {
                if (text[i] == '{')
                {
                    braces++;
                }
                else if (text[i] == '}')
                {
                    braces--;
                }

                i++;
            }

            spec = text[specStart..i];
        }

        if (i >= bodyEnd || text[i] != '}')
        {
            throw Error(token, "f-string: expecting '}'");
        }

        parts.Add(new FormattedValue(expr, conversion, spec));
        return i + 1;
    }

    private Expr ParseFieldExpression(Token token, int start, int end)
    {
        // Re-tokenize just the field, padded so offsets, lines and columns match the script.
        int absoluteStart = token.Start + start;
        int absoluteEnd = token.Start + end;
        string field = _src[absoluteStart..absoluteEnd];
        if (string.IsNullOrWhiteSpace(field))
        {
            throw Error(token, "f-string: empty expression not allowed");
        }

        int line = token.Line + CountNewlines(_src, token.Start, absoluteStart);
        int lineStart = _src.LastIndexOf('\n', Math.Max(0, absoluteStart - 1)) + 1;
        var tokens = PythonTokenizer.Tokenize("(" + field + ")", _file);
        var shifted = new List<Token>(tokens.Count);
        foreach (var t in tokens)
        {
            // Token offsets are relative to "(" + field; map them back onto the script.
            int s = Math.Clamp(t.Start - 1 + absoluteStart, absoluteStart, absoluteEnd);
            int e = Math.Clamp(t.End - 1 + absoluteStart, absoluteStart, absoluteEnd);
            int tokenLine = line + t.Line - 1;
            int column = t.Line == 1 ? s - lineStart + 1 : t.Column;
            shifted.Add(t with { Start = s, End = e, Line = tokenLine, Column = column });
        }

        var sub = new PythonParser(shifted, _src, _file, _depth);
        var expr = sub.ParseTestListStarExpr();
        if (sub.Peek.Kind != TokenKind.Newline && sub.Peek.Kind != TokenKind.EndOfFile)
        {
            throw sub.Error(sub.Peek, $"f-string: expected '}}' but found {sub.Peek}");
        }

        return expr;
    }

    private static int CountNewlines(string s, int from, int to)
    {
        int n = 0;
        for (int i = from; i < to && i < s.Length; i++)
        {
            if (s[i] == '\n')
            {
                n++;
            }
        }

        return n;
    }

    private static string DecodeLiteral(string raw, bool isRaw)
    {
        if (isRaw || !raw.Contains('\\'))
        {
            return raw;
        }

        var sb = new StringBuilder(raw.Length);
        for (int i = 0; i < raw.Length; i++)
        {
            char c = raw[i];
            if (c != '\\' || i + 1 >= raw.Length)
            {
                sb.Append(c);
                continue;
            }

            char e = raw[++i];
            sb.Append(e switch
            {
                'n' => "\n",
                't' => "\t",
                'r' => "\r",
                '\\' => "\\",
                '\'' => "'",
                '"' => "\"",
                '\n' => "",
                _ => "\\" + e,
            });
        }

        return sb.ToString();
    }
}
