using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Moves each slice's L2 norm n toward [min_value, max_value]: w ← w · (rate·clip(n, min, max) + (1 − rate)·n)/(ε + n),
/// ε = 1e-7 (rate 1 projects at once; smaller rates step part of the way). Keras
/// <c>keras.constraints.MinMaxNorm(min_value=0.0, max_value=1.0, rate=1.0, axis=0)</c> (<c>"min_max_norm"</c>).
/// </summary>
public sealed class MinMaxNorm : Constraint
{
    /// <summary>Creates the constraint over one axis.</summary>
    public MinMaxNorm(double minValue = 0.0, double maxValue = 1.0, double rate = 1.0, int axis = 0)
        : this(minValue, maxValue, rate, [axis]) { }

    /// <summary>Creates the constraint over several axes.</summary>
    public MinMaxNorm(double minValue, double maxValue, double rate, int[] axis)
    {
        Check.NonNegative(minValue, "min_value");
        Check.NonNegative(maxValue, "max_value");
        if (minValue > maxValue)
            throw new ArgumentException($"Invalid arguments min_value and max_value: expected min_value <= max_value. Received: min_value={Check.Format(minValue)}, max_value={Check.Format(maxValue)}");
        Check.InRange(rate, 0, 1, "rate", inclusiveHigh: true);
        MinValue = minValue; MaxValue = maxValue; Rate = rate;
        Axis = Axes(axis);
    }

    public double MinValue { get; }
    public double MaxValue { get; }
    public double Rate { get; }
    public IReadOnlyList<int> Axis { get; }

    public override void Apply(Tensor w) =>
        RescaleNorms(w, [.. Axis], n => Rate * Math.Clamp(n, MinValue, MaxValue) + (1 - Rate) * n);

    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>
    {
        ["min_value"] = MinValue, ["max_value"] = MaxValue, ["rate"] = Rate, ["axis"] = AxisConfig([.. Axis]),
    };
}
