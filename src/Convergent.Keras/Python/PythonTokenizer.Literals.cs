using System.Globalization;
using System.Text;

namespace Convergent.Keras.Python;

internal sealed partial class PythonTokenizer
{
    private void ReadString(int start, StringFlags flags)
    {
        int startLine = _line;
        int startColumn = start - _lineStart + 1;
        char quote = _src[_pos];
        bool triple = _pos + 2 < _src.Length && _src[_pos + 1] == quote && _src[_pos + 2] == quote;
        _pos += triple ? 3 : 1;
        bool raw = flags.HasFlag(StringFlags.Raw);
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _src.Length)
            {
                throw Error(startLine, startColumn,
                    triple ? "unterminated triple-quoted string literal" : "unterminated string literal");
            }

            if (sb.Length > MaxStringLength)
            {
                throw Error(startLine, startColumn, "string literal longer than 1 MB");
            }

            char c = _src[_pos];
            if (c == quote && (!triple || (_pos + 2 < _src.Length && _src[_pos + 1] == quote && _src[_pos + 2] == quote)))
            {
                _pos += triple ? 3 : 1;
                break;
            }

            if (c == '\n' || c == '\r')
            {
                if (!triple)
                {
                    throw Error(startLine, startColumn, $"unterminated string literal (detected at line {_line})");
                }

                sb.Append('\n');
                ConsumeNewline();
                continue;
            }

            if (c == '\\' && _pos + 1 < _src.Length)
            {
                char next = _src[_pos + 1];
                if (raw)
                {
                    sb.Append('\\');
                    _pos++;
                    if (next == '\n' || next == '\r')
                    {
                        sb.Append('\n');
                        ConsumeNewline();
                    }
                    else
                    {
                        sb.Append(next);
                        _pos++;
                    }

                    continue;
                }

                _pos++;
                ReadEscape(sb, flags.HasFlag(StringFlags.Bytes));
                continue;
            }

            sb.Append(c);
            _pos++;
        }

        string text = _src[start.._pos];
        _tokens.Add(new Token(TokenKind.String, text, startLine, startColumn, start, _pos)
        {
            Value = sb.ToString(),
            Flags = flags,
        });
    }

    /// <summary>Decodes the escape after a backslash (at <see cref="_pos"/>); unknown escapes stay as written,
    /// as in Python.</summary>
    private void ReadEscape(StringBuilder sb, bool bytes)
    {
        char e = _src[_pos];
        switch (e)
        {
            case '\n':
            case '\r':
                ConsumeNewline();
                return;
            case '\\': sb.Append('\\'); break;
            case '\'': sb.Append('\''); break;
            case '"': sb.Append('"'); break;
            case 'a': sb.Append('\a'); break;
            case 'b': sb.Append('\b'); break;
            case 'f': sb.Append('\f'); break;
            case 'n': sb.Append('\n'); break;
            case 'r': sb.Append('\r'); break;
            case 't': sb.Append('\t'); break;
            case 'v': sb.Append('\v'); break;
            case 'x':
                if (!TryHex(_pos + 1, 2, sb))
                {
                    throw Error(_line, Column, "truncated \\xXX escape");
                }

                _pos += 3;
                return;
            case 'u' when !bytes:
                if (!TryHex(_pos + 1, 4, sb))
                {
                    throw Error(_line, Column, "truncated \\uXXXX escape");
                }

                _pos += 5;
                return;
            case 'U' when !bytes:
                if (!TryHex(_pos + 1, 8, sb))
                {
                    throw Error(_line, Column, "truncated \\UXXXXXXXX escape");
                }

                _pos += 9;
                return;
            default:
                if (e >= '0' && e <= '7')
                {
                    int value = 0;
                    int n = 0;
                    while (n < 3 && _pos < _src.Length && _src[_pos] >= '0' && _src[_pos] <= '7')
                    {
                        value = (value * 8) + (_src[_pos] - '0');
                        _pos++;
                        n++;
                    }

                    sb.Append((char)value);
                    return;
                }

                sb.Append('\\').Append(e);
                break;
        }

        _pos++;
    }

    private bool TryHex(int at, int count, StringBuilder sb)
    {
        if (at + count > _src.Length ||
            !int.TryParse(_src.AsSpan(at, count), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int value))
        {
            return false;
        }

        if (value > 0x10FFFF)
        {
            return false;
        }

        sb.Append(char.ConvertFromUtf32(value is >= 0xD800 and <= 0xDFFF ? 0xFFFD : value));
        return true;
    }

    private void ReadNumber()
    {
        int start = _pos;
        int column = Column;
        char c = _src[_pos];
        if (c == '0' && _pos + 1 < _src.Length && "xXoObB".Contains(_src[_pos + 1]))
        {
            char radixChar = char.ToLowerInvariant(_src[_pos + 1]);
            _pos += 2;
            int digitsStart = _pos;
            while (_pos < _src.Length && (char.IsAsciiHexDigit(_src[_pos]) || _src[_pos] == '_'))
            {
                _pos++;
            }

            string digits = _src[digitsStart.._pos];
            int radix = radixChar == 'x' ? 16 : radixChar == 'o' ? 8 : 2;
            CheckUnderscores(digits, allowLeading: true, column);
            string clean = digits.Replace("_", "", StringComparison.Ordinal);
            if (clean.Length == 0 || (_pos < _src.Length && IsIdentifierPart(_src[_pos])))
            {
                throw Error(_line, column, $"invalid {RadixName(radix)} literal");
            }

            ulong value = 0;
            foreach (char d in clean)
            {
                int digit = char.IsAsciiDigit(d) ? d - '0' : char.ToLowerInvariant(d) - 'a' + 10;
                if (digit >= radix)
                {
                    throw Error(_line, column, $"invalid digit '{d}' in {RadixName(radix)} literal");
                }

                if (value > (ulong)long.MaxValue / (ulong)radix)
                {
                    throw Error(_line, column, "integer literal does not fit in 64 bits");
                }

                value = (value * (ulong)radix) + (ulong)digit;
            }

            if (value > long.MaxValue)
            {
                throw Error(_line, column, "integer literal does not fit in 64 bits");
            }

            AddNumber(start, column, (long)value, imaginary: false);
            return;
        }

        bool isFloat = false;
        ReadDigits();
        if (_pos < _src.Length && _src[_pos] == '.')
        {
            isFloat = true;
            _pos++;
            ReadDigits();
        }

        if (_pos < _src.Length && (_src[_pos] == 'e' || _src[_pos] == 'E'))
        {
            int save = _pos;
            _pos++;
            if (_pos < _src.Length && (_src[_pos] == '+' || _src[_pos] == '-'))
            {
                _pos++;
            }

            if (_pos < _src.Length && char.IsAsciiDigit(_src[_pos]))
            {
                isFloat = true;
                ReadDigits();
            }
            else
            {
                _pos = save;
                throw Error(_line, column, "invalid float literal: exponent has no digits");
            }
        }

        bool imaginary = false;
        if (_pos < _src.Length && (_src[_pos] == 'j' || _src[_pos] == 'J'))
        {
            imaginary = true;
            _pos++;
        }

        if (_pos < _src.Length && IsIdentifierPart(_src[_pos]))
        {
            throw Error(_line, column, "invalid decimal literal");
        }

        string text = _src[start.._pos];
        CheckDecimalUnderscores(text, column);
        string clean2 = text.Replace("_", "", StringComparison.Ordinal);
        if (imaginary)
        {
            _tokens.Add(new Token(TokenKind.Number, text, _line, column, start, _pos) { Value = text, IsImaginary = true });
            return;
        }

        if (isFloat)
        {
            double d = double.Parse(clean2, NumberStyles.Float, CultureInfo.InvariantCulture);
            AddNumber(start, column, d, imaginary: false);
            return;
        }

        if (clean2.Length > 1 && clean2[0] == '0' && clean2.Any(ch => ch != '0'))
        {
            throw Error(_line, column, "leading zeros in decimal integer literals are not permitted");
        }

        // long.MaxValue has 19 digits; a longer literal is rejected before parsing so a megabyte of digits
        // costs one scan.
        if (clean2.Length > 19 || !long.TryParse(clean2, NumberStyles.None, CultureInfo.InvariantCulture, out long l))
        {
            string shown = clean2.Length > 20 ? clean2[..20] + $"… ({clean2.Length} digits)" : clean2;
            throw Error(_line, column, $"integer literal {shown} does not fit in 64 bits");
        }

        AddNumber(start, column, l, imaginary: false);
    }

    private static string RadixName(int radix) => radix switch
    {
        16 => "hexadecimal",
        8 => "octal",
        _ => "binary",
    };

    private void ReadDigits()
    {
        while (_pos < _src.Length && (char.IsAsciiDigit(_src[_pos]) || _src[_pos] == '_'))
        {
            _pos++;
        }
    }

    private void CheckUnderscores(string digits, bool allowLeading, int column)
    {
        if (digits.Contains("__", StringComparison.Ordinal) || digits.EndsWith('_') ||
            (!allowLeading && digits.StartsWith('_')))
        {
            throw Error(_line, column, "invalid underscore in number literal");
        }
    }

    private void CheckDecimalUnderscores(string text, int column)
    {
        if (!text.Contains('_'))
        {
            return;
        }

        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '_')
            {
                continue;
            }

            bool digitBefore = i > 0 && char.IsAsciiDigit(text[i - 1]);
            bool digitAfter = i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]);
            if (!digitBefore || !digitAfter)
            {
                throw Error(_line, column, "invalid decimal literal: misplaced underscore");
            }
        }
    }

    private void AddNumber(int start, int column, object value, bool imaginary)
    {
        CheckTokenCount(start);
        _tokens.Add(new Token(TokenKind.Number, _src[start.._pos], _line, column, start, _pos)
        {
            Value = value,
            IsImaginary = imaginary,
        });
    }
}
