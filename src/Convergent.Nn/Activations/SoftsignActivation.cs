using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Softsign f(x) = x/(1 + |x|), saturating polynomially at ±1. Keras <c>keras.activations.softsign</c>.</summary>
public sealed class SoftsignActivation : Activation
{
    public override ActivationKind Kind => ActivationKind.Softsign;
    public override string KerasName => "softsign";
    public override Tensor Apply(Tensor x) => Ops.Softsign(x);
}
