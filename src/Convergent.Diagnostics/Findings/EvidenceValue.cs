using System.Globalization;

namespace Convergent.Diagnostics;

/// <summary>One measured value of a finding's evidence: a number, a list of numbers, or a text.</summary>
public readonly struct EvidenceValue : IEquatable<EvidenceValue>
{
    private EvidenceValue(double? number, IReadOnlyList<double>? numbers, string? text)
    {
        Number = number; Numbers = numbers; Text = text;
    }

    /// <summary>The number, when the value is one.</summary>
    public double? Number { get; }

    /// <summary>The numbers, when the value is a list (e.g. class shares).</summary>
    public IReadOnlyList<double>? Numbers { get; }

    /// <summary>The text, when the value is one (e.g. an activation name).</summary>
    public string? Text { get; }

    public static implicit operator EvidenceValue(double v) => new(v, null, null);
    public static implicit operator EvidenceValue(int v) => new(v, null, null);
    public static implicit operator EvidenceValue(long v) => new(v, null, null);
    public static implicit operator EvidenceValue(string v) => new(null, null, v ?? throw new ArgumentNullException(nameof(v)));
    public static implicit operator EvidenceValue(double[] v) => new(null, v ?? throw new ArgumentNullException(nameof(v)), null);

    /// <summary>A list value.</summary>
    public static EvidenceValue List(IEnumerable<double> values) => new(null, values.ToArray(), null);

    public bool Equals(EvidenceValue other) =>
        Nullable.Equals(Number, other.Number) && Text == other.Text &&
        (Numbers is null ? other.Numbers is null : other.Numbers is not null && Numbers.SequenceEqual(other.Numbers));

    public override bool Equals(object? obj) => obj is EvidenceValue v && Equals(v);
    public override int GetHashCode() => HashCode.Combine(Number, Text, Numbers?.Count);

    public override string ToString() =>
        Number is double d ? Format(d)
        : Numbers is { } l ? "[" + string.Join(", ", l.Select(Format)) + "]"
        : Text ?? "";

    /// <summary>Compact invariant formatting: 4 significant digits, exponent for tiny or huge values.</summary>
    public static string Format(double v)
    {
        if (double.IsNaN(v)) return "NaN";
        if (double.IsPositiveInfinity(v)) return "Infinity";
        if (double.IsNegativeInfinity(v)) return "-Infinity";
        if (v == Math.Floor(v) && Math.Abs(v) < 1e15) return v.ToString("0", CultureInfo.InvariantCulture);
        double a = Math.Abs(v);
        return a is >= 1e-3 and < 1e6 ? v.ToString("0.####", CultureInfo.InvariantCulture) : v.ToString("0.###e+0", CultureInfo.InvariantCulture);
    }
}
