using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Piecewise-linear sigmoid, Keras 3 form f(x) = relu6(x + 3)/6 = clip(x/6 + ½, 0, 1); with <c>keras2</c> the Keras 2
/// form clip(0.2x + ½, 0, 1). Keras <c>keras.activations.hard_sigmoid</c> (<c>"hard_sigmoid"</c>).
/// </summary>
public sealed class HardSigmoidActivation(bool keras2 = false) : Activation
{
    /// <summary>Whether the Keras 2 slope 0.2 (kinks at ±2.5) is used instead of Keras 3's 1/6 (kinks at ±3).</summary>
    public bool Keras2 { get; } = keras2;

    public override ActivationKind Kind => ActivationKind.HardSigmoid;
    public override string KerasName => "hard_sigmoid";
    public override Tensor Apply(Tensor x) => Ops.HardSigmoid(x, Keras2);
}
