using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Scaled ELU: f(x) = λx for x &gt; 0, λα(eˣ − 1) otherwise, λ ≈ 1.0507, α ≈ 1.6733. Keras <c>keras.activations.selu</c>. Klambauer et al., "Self-normalizing neural networks", 2017 (pair with <see cref="LecunNormal"/>).</summary>
public sealed class SeluActivation : Activation
{
    public override ActivationKind Kind => ActivationKind.Selu;
    public override string KerasName => "selu";
    public override Tensor Apply(Tensor x) => Ops.Selu(x);
}
