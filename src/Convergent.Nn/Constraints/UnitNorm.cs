using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Rescales each weight slice to unit L2 norm: w ← w/(ε + √(Σ_axis w²)), ε = 1e-7. Keras
/// <c>keras.constraints.UnitNorm(axis=0)</c> (<c>"unit_norm"</c>).</summary>
public sealed class UnitNorm : Constraint
{
    /// <summary>Creates the constraint over one axis.</summary>
    public UnitNorm(int axis = 0) : this([axis]) { }

    /// <summary>Creates the constraint over several axes.</summary>
    public UnitNorm(int[] axis) => Axis = Axes(axis);

    /// <summary>The axes each norm runs over (Keras <c>axis</c>).</summary>
    public IReadOnlyList<int> Axis { get; }

    public override void Apply(Tensor w) => RescaleNorms(w, [.. Axis], _ => 1.0);

    public override IReadOnlyDictionary<string, object?> GetConfig() =>
        new Dictionary<string, object?> { ["axis"] = AxisConfig([.. Axis]) };
}
