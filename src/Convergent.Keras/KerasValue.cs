using System.Globalization;

namespace Convergent.Keras;

/// <summary>
/// A normalized Python value taken from a Keras call or a Keras JSON config: the closed set
/// <see cref="KerasNone"/>, <see cref="KerasBool"/>, <see cref="KerasInt"/>, <see cref="KerasFloat"/>,
/// <see cref="KerasString"/>, <see cref="KerasSequence"/> (tuple or list), <see cref="KerasDict"/>,
/// <see cref="KerasObjectSpec"/> (an initializer, optimizer, callback ... object) and
/// <see cref="KerasExpression"/> (Python source kept verbatim because it cannot be evaluated).
/// </summary>
/// <remarks>Values compare by content, so tests and fix rules can write
/// <c>config["kernel_size"] == KerasValue.Tuple(5, 5)</c>. <see cref="ToString"/> gives the Python literal.</remarks>
public abstract record KerasValue
{
    private protected KerasValue()
    {
    }

    /// <summary>Python <c>None</c>.</summary>
    public static KerasNone None => KerasNone.Instance;

    /// <summary>A Python <c>bool</c>.</summary>
    public static KerasBool Of(bool value) => value ? KerasBool.True : KerasBool.False;

    /// <summary>A Python <c>int</c> (64-bit).</summary>
    public static KerasInt Of(long value) => new(value);

    /// <summary>A Python <c>float</c>.</summary>
    public static KerasFloat Of(double value) => new(value);

    /// <summary>A Python <c>str</c>.</summary>
    public static KerasString Of(string value) => new(value);

    /// <summary>A Python tuple of the given values.</summary>
    public static KerasSequence Tuple(params KerasValue[] items) => new(items, isTuple: true);

    /// <summary>A Python tuple of integers, e.g. a kernel size.</summary>
    public static KerasSequence Tuple(params long[] items) =>
        new(items.Select(i => (KerasValue)new KerasInt(i)).ToArray(), isTuple: true);

    /// <summary>A Python list of the given values.</summary>
    public static KerasSequence List(params KerasValue[] items) => new(items, isTuple: false);

    /// <summary>The value written as a Python literal (strings in double quotes, floats as Python's repr).</summary>
    public abstract string ToPython();

    /// <summary>The Python literal, see <see cref="ToPython"/>.</summary>
    public sealed override string ToString() => ToPython();

    /// <summary>The integer held, if this is a <see cref="KerasInt"/>.</summary>
    public bool TryGetInt(out long value)
    {
        if (this is KerasInt i)
        {
            value = i.Value;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>The number held, if this is a <see cref="KerasInt"/> or <see cref="KerasFloat"/>.</summary>
    public bool TryGetNumber(out double value)
    {
        switch (this)
        {
            case KerasInt i:
                value = i.Value;
                return true;
            case KerasFloat f:
                value = f.Value;
                return true;
            default:
                value = 0;
                return false;
        }
    }

    /// <summary>The string held, or null when this is not a <see cref="KerasString"/>.</summary>
    public string? AsString() => this is KerasString s ? s.Value : null;

    /// <summary>The integers of a tuple or list of ints (null entries for <c>None</c>), or null when the value is
    /// not such a sequence.</summary>
    public long?[]? AsIntSequence()
    {
        if (this is not KerasSequence seq)
        {
            return null;
        }

        var result = new long?[seq.Items.Count];
        for (int i = 0; i < result.Length; i++)
        {
            switch (seq.Items[i])
            {
                case KerasInt v:
                    result[i] = v.Value;
                    break;
                case KerasNone:
                    result[i] = null;
                    break;
                default:
                    return null;
            }
        }

        return result;
    }

    /// <summary>Formats a double the way Python's <c>repr(float)</c> does (shortest round trip, <c>1e-05</c>,
    /// <c>0.5</c>, <c>3.0</c>), so exported code reads like code a person wrote.</summary>
    internal static string FormatFloat(double value)
    {
        if (double.IsNaN(value))
        {
            return "float(\"nan\")";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "float(\"inf\")" : "-float(\"inf\")";
        }

        // "E16" is not shortest; "R" is, but mixes notations. Take R's digits and re-lay them out by
        // Python's rule: fixed notation when -4 <= exponent < 16, else d.ddde±XX.
        string r = value.ToString("R", CultureInfo.InvariantCulture);
        bool negative = r.StartsWith('-');
        if (negative)
        {
            r = r[1..];
        }

        int exponentShift = 0;
        int ePos = r.IndexOfAny(['E', 'e']);
        if (ePos >= 0)
        {
            exponentShift = int.Parse(r[(ePos + 1)..], CultureInfo.InvariantCulture);
            r = r[..ePos];
        }

        int dot = r.IndexOf('.');
        string intPart = dot >= 0 ? r[..dot] : r;
        string fracPart = dot >= 0 ? r[(dot + 1)..] : "";
        string digits = (intPart + fracPart).TrimStart('0');
        int leadingZeros = (intPart + fracPart).Length - (intPart + fracPart).TrimStart('0').Length;
        if (digits.Length == 0)
        {
            return negative ? "-0.0" : "0.0";
        }

        // Decimal exponent of the first significant digit.
        int exponent = intPart.Length - 1 - leadingZeros + exponentShift;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        string body;
        if (exponent >= -4 && exponent < 16)
        {
            if (exponent < 0)
            {
                body = "0." + new string('0', -exponent - 1) + digits;
            }
            else if (digits.Length <= exponent + 1)
            {
                body = digits + new string('0', exponent + 1 - digits.Length) + ".0";
            }
            else
            {
                body = digits[..(exponent + 1)] + "." + digits[(exponent + 1)..];
            }
        }
        else
        {
            string mantissa = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
            string sign = exponent < 0 ? "-" : "+";
            body = mantissa + "e" + sign + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }

        return negative ? "-" + body : body;
    }

    /// <summary>Quotes a string as a Python literal with double quotes.</summary>
    internal static string QuoteString(string value)
    {
        var sb = new System.Text.StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < ' ')
                    {
                        sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
        return sb.ToString();
    }
}
