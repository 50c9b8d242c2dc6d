using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Exponential f(x) = eˣ. Keras <c>keras.activations.exponential</c>.</summary>
public sealed class ExponentialActivation : Activation
{
    public override ActivationKind Kind => ActivationKind.Exponential;
    public override string KerasName => "exponential";
    public override Tensor Apply(Tensor x) => Ops.Exponential(x);
}
