using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Logistic sigmoid f(x) = 1/(1 + e⁻ˣ), saturating at 0 and 1. Keras <c>keras.activations.sigmoid</c>.</summary>
public sealed class SigmoidActivation : Activation
{
    public override ActivationKind Kind => ActivationKind.Sigmoid;
    public override string KerasName => "sigmoid";
    public override Tensor Apply(Tensor x) => Ops.Sigmoid(x);
}
