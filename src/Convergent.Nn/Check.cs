using System.Globalization;

namespace Convergent.Nn;

/// <summary>Argument validation with Keras-style messages that name the Keras argument and the value received
/// ("… Received: units=-3"), so a Keras user recognizes the option at once.</summary>
internal static class Check
{
    public static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    public static void Positive(int value, string name, string what = "a positive integer")
    {
        if (value <= 0) throw new ArgumentException($"Invalid value for argument {name}: expected {what}. Received: {name}={value}");
    }

    public static void Positive(int[] values, string name)
    {
        if (values.Any(v => v <= 0))
            throw new ArgumentException($"Invalid value for argument {name}: expected positive integers. Received: {name}={Tuple(values)}");
    }

    public static void Finite(double value, string name)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"Invalid value for argument {name}: expected a finite number. Received: {name}={Format(value)}");
    }

    public static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentException($"Invalid value for argument {name}: expected a non-negative finite number. Received: {name}={Format(value)}");
    }

    /// <summary>A value in [lo, hi) (or [lo, hi] with <paramref name="inclusiveHigh"/>).</summary>
    public static void InRange(double value, double lo, double hi, string name, bool inclusiveHigh = false)
    {
        bool ok = value >= lo && (inclusiveHigh ? value <= hi : value < hi);
        if (!ok)
            throw new ArgumentException($"Invalid value for argument {name}: expected a number in [{Format(lo)}, {Format(hi)}{(inclusiveHigh ? "]" : ")")}. Received: {name}={Format(value)}");
    }

    /// <summary>Python tuple notation, as Keras prints tuples.</summary>
    public static string Tuple(IReadOnlyList<int> v) => v.Count == 1 ? $"({v[0]},)" : "(" + string.Join(", ", v) + ")";
}
