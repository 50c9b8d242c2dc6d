using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Hyperbolic tangent f(x) = tanh x, saturating at ±1. Keras <c>keras.activations.tanh</c>.</summary>
public sealed class TanhActivation : Activation
{
    public override ActivationKind Kind => ActivationKind.Tanh;
    public override string KerasName => "tanh";
    public override Tensor Apply(Tensor x) => Ops.Tanh(x);
}
