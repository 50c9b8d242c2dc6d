using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Softmax f(x)ᵢ = e^(xᵢ − max x) / Σⱼ e^(xⱼ − max x) along one axis (the max shift changes nothing mathematically and
/// keeps eˣ from overflowing). Keras <c>keras.activations.softmax(x, axis=-1)</c> (<c>"softmax"</c>).
/// </summary>
public sealed class SoftmaxActivation(int axis = -1) : Activation
{
    /// <summary>The axis normalized over (Keras <c>axis</c>); negative counts from the end.</summary>
    public int Axis { get; } = axis;

    public override ActivationKind Kind => ActivationKind.Softmax;
    public override string KerasName => "softmax";
    public override Tensor Apply(Tensor x) => Ops.Softmax(x, Axis);
}
