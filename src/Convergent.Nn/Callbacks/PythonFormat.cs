using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Convergent.Nn;

/// <summary>
/// The two pieces of Python's text formatting that Keras files show: <c>repr(float)</c> (CSVLogger's values) and
/// <c>str.format</c> with format specs (ModelCheckpoint's <c>{epoch:02d}</c>, <c>{val_loss:.2f}</c>).
/// </summary>
internal static partial class PythonFormat
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Python's <c>repr</c> of a float: the shortest digits that round-trip (as .NET's "R"), written in
    /// fixed notation when the decimal exponent is in [−4, 16) — always with a fractional part, <c>1.0</c> — and
    /// otherwise as <c>1.5e-05</c> / <c>1e+16</c> (at least two exponent digits); <c>nan</c>, <c>inf</c>, <c>-inf</c>.</summary>
    public static string Repr(double v)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
        string sign = v < 0 || (v == 0 && double.IsNegative(v)) ? "-" : "";
        if (v == 0) return sign + "0.0";
        var (digits, exp) = ShortestDigits(Math.Abs(v));
        if (exp < -4 || exp >= 16)
        {
            string mantissa = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", Inv);
        }
        if (exp < 0) return sign + "0." + new string('0', -exp - 1) + digits;
        string whole = digits.Length > exp + 1 ? digits[..(exp + 1)] : digits.PadRight(exp + 1, '0');
        string frac = digits.Length > exp + 1 ? digits[(exp + 1)..] : "0";
        return sign + whole + "." + frac;
    }

    /// <summary>The significant digits of the shortest round-trip form (no leading or trailing zeros) and the
    /// decimal exponent of the first one: v = d.ddd × 10^exp.</summary>
    private static (string Digits, int Exp) ShortestDigits(double v)
    {
        string r = v.ToString("R", Inv);
        int e = 0, ei = r.IndexOfAny(['E', 'e']);
        string mantissa = r;
        if (ei >= 0) { e = int.Parse(r[(ei + 1)..], Inv); mantissa = r[..ei]; }
        int dot = mantissa.IndexOf('.');
        string digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        int intLength = dot < 0 ? mantissa.Length : dot;
        int lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0') lead++;
        digits = digits[lead..].TrimEnd('0');
        return (digits, intLength - lead + e - 1);
    }

    /// <summary>Python's <c>str.format</c> with keyword fields: <c>{name}</c> or <c>{name:spec}</c>, <c>{{</c> and
    /// <c>}}</c> for braces. Values are <see cref="int"/>, <see cref="long"/>, <see cref="double"/> or strings;
    /// specs follow Python's mini-language (<c>[[fill]align][sign][0][width][,][.precision][type]</c>, types
    /// d f F e E g G % s). A missing name throws <see cref="KeyNotFoundException"/> naming it.</summary>
    public static string Format(string template, IReadOnlyDictionary<string, object> values)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{') { sb.Append('{'); i++; continue; }
            if (c == '}' && i + 1 < template.Length && template[i + 1] == '}') { sb.Append('}'); i++; continue; }
            if (c == '}') throw new FormatException($"Single '}}' encountered in format string: \"{template}\"");
            if (c != '{') { sb.Append(c); continue; }
            int close = template.IndexOf('}', i);
            if (close < 0) throw new FormatException($"Single '{{' encountered in format string: \"{template}\"");
            string field = template[(i + 1)..close];
            int colon = field.IndexOf(':');
            string name = colon < 0 ? field : field[..colon];
            string spec = colon < 0 ? "" : field[(colon + 1)..];
            if (!values.TryGetValue(name, out var value)) throw new KeyNotFoundException($"'{name}'");
            sb.Append(FormatValue(value, spec));
            i = close;
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"^(?:(?<fill>.)?(?<align>[<>=^]))?(?<sign>[+\- ])?(?<zero>0)?(?<width>\d+)?(?<comma>[,_])?(?:\.(?<precision>\d+))?(?<type>[bcdeEfFgGnosxX%])?$")]
    private static partial Regex Spec();

    private static string FormatValue(object value, string spec)
    {
        var m = Spec().Match(spec);
        if (!m.Success) throw new FormatException($"Invalid format specifier '{spec}'");
        char type = m.Groups["type"].Success ? m.Groups["type"].Value[0] : '\0';
        int? precision = m.Groups["precision"].Success ? int.Parse(m.Groups["precision"].Value, Inv) : null;
        string sign = m.Groups["sign"].Success ? m.Groups["sign"].Value : "-";
        bool isInteger = value is int or long;
        string body;
        bool negative;
        if (value is string s)
        {
            if (type is not ('\0' or 's')) throw new FormatException($"Unknown format code '{type}' for object of type 'str'");
            body = precision is int p ? s[..Math.Min(p, s.Length)] : s;
            negative = false;
        }
        else
        {
            double d = Convert.ToDouble(value, Inv);
            negative = d < 0 || (d == 0 && double.IsNegative(d));
            double a = Math.Abs(d);
            body = type switch
            {
                'd' when isInteger => Convert.ToInt64(value, Inv).ToString(Inv).TrimStart('-'),
                'd' => throw new FormatException("Unknown format code 'd' for object of type 'float'"),
                'f' or 'F' => Fixed(a, precision ?? 6, type == 'F'),
                'e' or 'E' => Exponent(a, precision ?? 6, type == 'E'),
                'g' or 'G' => General(a, precision ?? 6, type == 'G', keepPoint: false),
                '%' => Fixed(a * 100, precision ?? 6, false) + "%",
                '\0' when isInteger => Convert.ToInt64(value, Inv).ToString(Inv).TrimStart('-'),
                '\0' when precision is int p => General(a, p, false, keepPoint: true),
                '\0' => Repr(a),
                _ => throw new FormatException($"Unsupported format code '{type}'"),
            };
            if (m.Groups["comma"].Success) body = Group(body, m.Groups["comma"].Value[0]);
        }
        string signText = value is string ? "" : negative ? "-" : sign == "+" ? "+" : sign == " " ? " " : "";
        int width = m.Groups["width"].Success ? int.Parse(m.Groups["width"].Value, Inv) : 0;
        bool zero = m.Groups["zero"].Success;
        char fill = m.Groups["fill"].Success ? m.Groups["fill"].Value[0] : zero ? '0' : ' ';
        char align = m.Groups["align"].Success ? m.Groups["align"].Value[0] : zero ? '=' : value is string ? '<' : '>';
        int pad = Math.Max(0, width - signText.Length - body.Length);
        return align switch
        {
            '<' => signText + body + new string(fill, pad),
            '^' => new string(fill, pad / 2) + signText + body + new string(fill, pad - pad / 2),
            '=' => signText + new string(fill, pad) + body,
            _ => new string(fill, pad) + signText + body,
        };
    }

    private static string Fixed(double a, int precision, bool upper)
    {
        if (double.IsNaN(a)) return upper ? "NAN" : "nan";
        if (double.IsInfinity(a)) return upper ? "INF" : "inf";
        return a.ToString("F" + precision, Inv);
    }

    private static string Exponent(double a, int precision, bool upper)
    {
        if (double.IsNaN(a) || double.IsInfinity(a)) return Fixed(a, 0, upper);
        string s = a.ToString((upper ? "E" : "e") + precision, Inv);   // e.g. 1.234560e+003
        int e = s.IndexOfAny(['e', 'E']);
        int exp = int.Parse(s[(e + 1)..], Inv);
        return s[..(e + 1)] + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", Inv);
    }

    /// <summary>Python's 'g': precision p significant digits; exponent form when the exponent is &lt; −4 or ≥ p;
    /// trailing zeros removed. With <paramref name="keepPoint"/> (no type given) a fixed result keeps ".0".</summary>
    private static string General(double a, int precision, bool upper, bool keepPoint)
    {
        if (double.IsNaN(a) || double.IsInfinity(a)) return Fixed(a, 0, upper);
        int p = Math.Max(precision, 1);
        if (a == 0) return keepPoint ? "0.0" : "0";
        string e = Exponent(a, p - 1, upper);
        int exp = int.Parse(e[(e.IndexOfAny(['e', 'E']) + 1)..], Inv);
        if (exp < -4 || exp >= p)
        {
            int at = e.IndexOfAny(['e', 'E']);
            string mantissa = e[..at];
            if (mantissa.Contains('.')) mantissa = mantissa.TrimEnd('0').TrimEnd('.');
            return mantissa + e[at..];
        }
        string f = a.ToString("F" + Math.Max(p - 1 - exp, 0), Inv);
        if (f.Contains('.')) f = f.TrimEnd('0').TrimEnd('.');
        if (keepPoint && !f.Contains('.')) f += ".0";
        return f;
    }

    private static string Group(string body, char separator)
    {
        int end = body.IndexOfAny(['.', 'e', 'E', '%']);
        if (end < 0) end = body.Length;
        var sb = new StringBuilder();
        for (int i = 0; i < end; i++)
        {
            if (i > 0 && (end - i) % 3 == 0) sb.Append(separator);
            sb.Append(body[i]);
        }
        return sb.Append(body[end..]).ToString();
    }
}
