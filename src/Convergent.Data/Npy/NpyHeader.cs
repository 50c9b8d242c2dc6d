using System.Globalization;
using System.Text;

namespace Convergent.Data;

/// <summary>The parsed header of a .npy file and the strict parser of its Python dict literal, e.g.
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (3, 4), }</c> (numpy NEP 1). Exactly the three keys
/// must appear, once each; anything else is an error rather than a guess.</summary>
internal sealed class NpyHeader
{
    public required NpyDType DType { get; init; }
    public required bool BigEndian { get; init; }
    public required bool FortranOrder { get; init; }
    public required int[] Shape { get; init; }
    public required string Descr { get; init; }

    /// <summary>Parses the header text; <paramref name="baseOffset"/> is the file offset of its first character,
    /// used so errors point at the right byte.</summary>
    public static NpyHeader Parse(string text, string file, long baseOffset)
    {
        var p = new Parser(text, file, baseOffset);
        return p.ParseHeader();
    }

    /// <summary>Formats the dict literal the way numpy writes it (keys sorted, a trailing comma).</summary>
    public static string Format(NpyDType dtype, bool bigEndian, bool fortranOrder, int[] shape)
    {
        string shapeText = shape.Length switch
        {
            0 => "()",
            1 => $"({shape[0]},)",
            _ => "(" + string.Join(", ", shape) + ")",
        };
        return $"{{'descr': '{DescrOf(dtype, bigEndian)}', 'fortran_order': {(fortranOrder ? "True" : "False")}, 'shape': {shapeText}, }}";
    }

    public static string DescrOf(NpyDType t, bool bigEndian)
    {
        int size = NpyArray.ItemSizeOf(t);
        char order = size == 1 ? '|' : bigEndian ? '>' : '<';
        char kind = t switch
        {
            NpyDType.Bool => 'b',
            NpyDType.Int8 or NpyDType.Int16 or NpyDType.Int32 or NpyDType.Int64 => 'i',
            NpyDType.UInt8 or NpyDType.UInt16 or NpyDType.UInt32 or NpyDType.UInt64 => 'u',
            _ => 'f',
        };
        return $"{order}{kind}{size}";
    }

    private sealed class Parser(string text, string file, long baseOffset)
    {
        private int _pos;

        public NpyHeader ParseHeader()
        {
            SkipWs();
            Expect('{', "the header must be a Python dict literal starting with '{'");
            string? descr = null;
            bool? fortran = null;
            int[]? shape = null;
            SkipWs();
            while (Peek() != '}')
            {
                int keyPos = _pos;
                string key = ParseString();
                SkipWs();
                Expect(':', $"expected ':' after key '{key}'");
                SkipWs();
                switch (key)
                {
                    case "descr":
                        if (descr is not null) throw Fail("duplicate key 'descr'", keyPos, key);
                        if (Peek() == '[') throw Fail("structured (record) dtypes are not supported; only plain numeric and bool dtypes", _pos, key);
                        if (Peek() is not ('\'' or '"')) throw Fail("'descr' must be a dtype string such as '<f4'", _pos, key);
                        descr = ParseString();
                        break;
                    case "fortran_order":
                        if (fortran is not null) throw Fail("duplicate key 'fortran_order'", keyPos, key);
                        fortran = ParseBool(key);
                        break;
                    case "shape":
                        if (shape is not null) throw Fail("duplicate key 'shape'", keyPos, key);
                        shape = ParseShape();
                        break;
                    default:
                        throw Fail($"unexpected key '{key}'; a .npy header has exactly 'descr', 'fortran_order' and 'shape'", keyPos, key);
                }
                SkipWs();
                if (Peek() == ',') { _pos++; SkipWs(); }
                else if (Peek() != '}') throw Fail("expected ',' or '}' in the header dict", _pos, null);
            }
            _pos++;
            SkipWs();
            if (_pos != text.Length) throw Fail("unexpected text after the header dict", _pos, null);
            if (descr is null) throw Fail("the header has no 'descr' key", 0, "descr");
            if (fortran is null) throw Fail("the header has no 'fortran_order' key", 0, "fortran_order");
            if (shape is null) throw Fail("the header has no 'shape' key", 0, "shape");
            var (dtype, big) = ParseDescr(descr);
            return new NpyHeader { DType = dtype, BigEndian = big, FortranOrder = fortran.Value, Shape = shape, Descr = descr };
        }

        private (NpyDType, bool) ParseDescr(string d)
        {
            DataFormatException Bad() => new(file,
                $"unsupported dtype '{d}'; supported: b1/?, i1, i2, i4, i8, u1, u2, u4, u8, f2, f4, f8 with byte order '<', '>', '|' or '='",
                baseOffset, field: "descr");
            if (d == "?" || d == "|b1" || d == "b1") return (NpyDType.Bool, false);
            if (d.Length != 3 && d.Length != 2) throw Bad();
            char order = d.Length == 3 ? d[0] : '=';
            string rest = d.Length == 3 ? d[1..] : d;
            if (order is not ('<' or '>' or '|' or '=')) throw Bad();
            if (!int.TryParse(rest.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int size)) throw Bad();
            NpyDType? t = (rest[0], size) switch
            {
                ('b', 1) => NpyDType.Bool,
                ('i', 1) => NpyDType.Int8,
                ('i', 2) => NpyDType.Int16,
                ('i', 4) => NpyDType.Int32,
                ('i', 8) => NpyDType.Int64,
                ('u', 1) => NpyDType.UInt8,
                ('u', 2) => NpyDType.UInt16,
                ('u', 4) => NpyDType.UInt32,
                ('u', 8) => NpyDType.UInt64,
                ('f', 2) => NpyDType.Float16,
                ('f', 4) => NpyDType.Float32,
                ('f', 8) => NpyDType.Float64,
                _ => null,
            };
            if (t is null) throw Bad();
            // '|' means "byte order not applicable": only valid for one-byte types, as numpy writes them.
            if (order == '|' && size != 1) throw Bad();
            // '=' is native order; every platform .NET runs this on is little-endian.
            return (t.Value, order == '>' && size > 1);
        }

        private bool ParseBool(string key)
        {
            if (Match("True")) return true;
            if (Match("False")) return false;
            throw Fail($"'{key}' must be True or False", _pos, key);
        }

        private int[] ParseShape()
        {
            if (Peek() != '(') throw Fail("'shape' must be a tuple of non-negative integers such as (3, 4)", _pos, "shape");
            _pos++;
            var dims = new List<int>();
            bool sawComma = false;
            SkipWs();
            while (Peek() != ')')
            {
                int start = _pos;
                while (_pos < text.Length && char.IsAsciiDigit(text[_pos])) _pos++;
                if (_pos == start) throw Fail("'shape' must be a tuple of non-negative integers such as (3, 4)", start, "shape");
                string digits = text[start.._pos];
                if (Peek() == 'L') _pos++; // Python 2 era numpy wrote long literals as 3L
                if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int dim))
                    throw Fail($"shape dimension {digits} is larger than {int.MaxValue}", start, "shape");
                dims.Add(dim);
                SkipWs();
                if (Peek() == ',') { _pos++; sawComma = true; SkipWs(); }
                else if (Peek() != ')') throw Fail("expected ',' or ')' in 'shape'", _pos, "shape");
            }
            _pos++;
            // "(3)" is the integer 3 in Python, not a tuple; numpy itself would reject it.
            if (dims.Count == 1 && !sawComma) throw Fail("'shape' (3) is not a tuple; a 1-d shape is written (3,)", _pos, "shape");
            return [.. dims];
        }

        private string ParseString()
        {
            char q = Peek();
            if (q is not ('\'' or '"')) throw Fail("expected a quoted string", _pos, null);
            int start = ++_pos;
            while (_pos < text.Length && text[_pos] != q)
            {
                if (text[_pos] == '\\') throw Fail("escape sequences are not allowed in header strings", _pos, null);
                _pos++;
            }
            if (_pos >= text.Length) throw Fail("unterminated string in the header", start - 1, null);
            return text[start.._pos++];
        }

        private bool Match(string word)
        {
            if (string.CompareOrdinal(text, _pos, word, 0, word.Length) != 0) return false;
            int end = _pos + word.Length;
            if (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')) return false;
            _pos = end;
            return true;
        }

        private char Peek()
        {
            if (_pos >= text.Length) throw Fail("the header dict ends early (no closing '}')", _pos, null);
            return text[_pos];
        }

        private void Expect(char c, string message)
        {
            if (Peek() != c) throw Fail(message, _pos, null);
            _pos++;
        }

        private void SkipWs()
        {
            while (_pos < text.Length && text[_pos] is ' ' or '\t' or '\n' or '\r') _pos++;
        }

        private DataFormatException Fail(string message, int pos, string? field) =>
            new(file, $"{message}; header: {Truncate(text.TrimEnd())}", baseOffset + Encoding.UTF8.GetByteCount(text.AsSpan(0, Math.Min(pos, text.Length))), field: field);

        private static string Truncate(string s) => s.Length <= 120 ? s : s[..117] + "...";
    }
}
