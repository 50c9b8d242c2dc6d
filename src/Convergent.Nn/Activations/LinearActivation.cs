using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>The identity f(x) = x. Keras <c>keras.activations.linear</c> (<c>"linear"</c>, also what <c>activation=None</c> means).</summary>
public sealed class LinearActivation : Activation
{
    public override ActivationKind Kind => ActivationKind.Linear;
    public override string KerasName => "linear";
    public override Tensor Apply(Tensor x) => x;
}
