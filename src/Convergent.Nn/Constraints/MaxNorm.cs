using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Caps the L2 norm of each weight slice: w ← w · clip(n, 0, max_value)/(ε + n), n = √(Σ_axis w²), ε = 1e-7. For a
/// Dense kernel (in, out) axis 0 gives one norm per output unit (its incoming weights); for a Conv2D kernel
/// (kh, kw, in, out) use axis [0, 1, 2]. Keras <c>keras.constraints.MaxNorm(max_value=2, axis=0)</c>
/// (<c>"max_norm"</c>). Srivastava et al., "Dropout: a simple way to prevent neural networks from overfitting", 2014.
/// </summary>
public sealed class MaxNorm : Constraint
{
    /// <summary>Creates the constraint over one axis.</summary>
    public MaxNorm(double maxValue = 2.0, int axis = 0) : this(maxValue, [axis]) { }

    /// <summary>Creates the constraint over several axes (Keras <c>axis=[0, 1, 2]</c>).</summary>
    public MaxNorm(double maxValue, int[] axis)
    {
        Check.NonNegative(maxValue, "max_value");
        MaxValue = maxValue;
        Axis = Axes(axis);
    }

    /// <summary>The largest norm allowed (Keras <c>max_value</c>).</summary>
    public double MaxValue { get; }

    /// <summary>The axes each norm runs over (Keras <c>axis</c>).</summary>
    public IReadOnlyList<int> Axis { get; }

    public override void Apply(Tensor w) => RescaleNorms(w, [.. Axis], n => Math.Clamp(n, 0, MaxValue));

    public override IReadOnlyDictionary<string, object?> GetConfig() =>
        new Dictionary<string, object?> { ["max_value"] = MaxValue, ["axis"] = AxisConfig([.. Axis]) };
}
