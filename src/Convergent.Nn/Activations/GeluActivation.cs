using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Gaussian error linear unit f(x) = x·Φ(x), or its tanh approximation ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
/// Keras 3 <c>keras.activations.gelu(x, approximate=False)</c> (<c>"gelu"</c>). Hendrycks and Gimpel, "Gaussian error
/// linear units (GELUs)", 2016.
/// </summary>
public sealed class GeluActivation(bool approximate = false) : Activation
{
    /// <summary>Whether the tanh approximation is used (Keras <c>approximate</c>).</summary>
    public bool Approximate { get; } = approximate;

    public override ActivationKind Kind => ActivationKind.Gelu;
    public override string KerasName => "gelu";
    public override Tensor Apply(Tensor x) => Ops.Gelu(x, Approximate);
}
