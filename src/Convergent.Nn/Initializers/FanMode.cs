namespace Convergent.Nn;

/// <summary>Which fan <see cref="VarianceScaling"/> divides its scale by (Keras <c>mode</c>).</summary>
public enum FanMode
{
    /// <summary><c>"fan_in"</c>: inputs per unit (keeps forward activations' variance).</summary>
    FanIn,
    /// <summary><c>"fan_out"</c>: outputs per unit (keeps backward gradients' variance).</summary>
    FanOut,
    /// <summary><c>"fan_avg"</c>: (fan_in + fan_out)/2, Glorot's compromise.</summary>
    FanAvg,
}
