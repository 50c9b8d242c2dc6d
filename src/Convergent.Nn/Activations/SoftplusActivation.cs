using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Softplus f(x) = log(1 + eˣ), a smooth ReLU. Keras <c>keras.activations.softplus</c>.</summary>
public sealed class SoftplusActivation : Activation
{
    public override ActivationKind Kind => ActivationKind.Softplus;
    public override string KerasName => "softplus";
    public override Tensor Apply(Tensor x) => Ops.Softplus(x);
}
