using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>ELU as a layer: f(x) = x for x &gt; 0, α(eˣ − 1) otherwise. Keras <c>keras.layers.ELU(alpha=1.0)</c>.
/// Clevert et al., "Fast and accurate deep network learning by exponential linear units", 2015.</summary>
public sealed class ELU(double alpha = 1.0, string? name = null) : Layer(name)
{
    /// <summary>The function the layer applies.</summary>
    public EluActivation Function { get; } = new(alpha);

    public double Alpha => Function.Alpha;

    public override Activation? ActivationFunction => Function;

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    protected override Tensor Forward(Tensor x, bool training) => ApplyActivation(Function, x);

    public override IReadOnlyDictionary<string, object?> GetConfig() => Config(("alpha", Alpha));
}
