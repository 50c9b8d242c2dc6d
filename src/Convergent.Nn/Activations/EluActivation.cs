using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Exponential linear unit f(x) = x for x &gt; 0, α(eˣ − 1) otherwise. Keras <c>keras.activations.elu(x, alpha=1.0)</c>
/// (<c>"elu"</c>). Clevert et al., "Fast and accurate deep network learning by exponential linear units", 2015.
/// </summary>
public sealed class EluActivation : Activation
{
    /// <summary>Creates an ELU with a finite α.</summary>
    public EluActivation(double alpha = 1.0)
    {
        Check.Finite(alpha, "alpha");
        Alpha = alpha;
    }

    /// <summary>The negative saturation value −α (Keras <c>alpha</c>).</summary>
    public double Alpha { get; }

    public override ActivationKind Kind => ActivationKind.Elu;
    public override string KerasName => "elu";
    public override Tensor Apply(Tensor x) => Ops.Elu(x, Alpha);
}
