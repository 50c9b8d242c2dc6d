using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Leaky ReLU f(x) = x for x &gt; 0, negative_slope·x otherwise. Keras 3
/// <c>keras.activations.leaky_relu(x, negative_slope=0.2)</c> (<c>"leaky_relu"</c>). Maas et al., "Rectifier
/// nonlinearities improve neural network acoustic models", 2013.
/// </summary>
public sealed class LeakyReluActivation : Activation
{
    /// <summary>Keras 3's default slope for the activation function (the <see cref="LeakyReLU"/> layer uses 0.3).</summary>
    public const double DefaultNegativeSlope = 0.2;

    /// <summary>Creates a leaky ReLU with a finite, non-negative slope.</summary>
    public LeakyReluActivation(double negativeSlope = DefaultNegativeSlope)
    {
        Check.NonNegative(negativeSlope, "negative_slope");
        NegativeSlope = negativeSlope;
    }

    /// <summary>Slope for negative inputs (Keras <c>negative_slope</c>).</summary>
    public double NegativeSlope { get; }

    public override ActivationKind Kind => ActivationKind.LeakyRelu;
    public override string KerasName => "leaky_relu";
    public override Tensor Apply(Tensor x) => Ops.LeakyRelu(x, NegativeSlope);
}
