using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Softmax as a layer: f(x)ᵢ = e^(xᵢ − max x)/Σⱼ e^(xⱼ − max x) along <see cref="Axis"/>. Keras
/// <c>keras.layers.Softmax(axis=-1)</c> (masks are not supported).</summary>
public sealed class Softmax(int axis = -1, string? name = null) : Layer(name)
{
    /// <summary>The function the layer applies.</summary>
    public SoftmaxActivation Function { get; } = new(axis);

    /// <summary>The axis normalized over, batch axis counted (Keras <c>axis</c>).</summary>
    public int Axis => Function.Axis;

    public override Activation? ActivationFunction => Function;

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        int rank = inputShape.Rank + 1;
        if (Axis >= rank || Axis < -rank)
            throw new ArgumentException($"Softmax axis {Axis} is out of range for inputs of rank {rank}.");
        return inputShape;
    }

    protected override Tensor Forward(Tensor x, bool training) => ApplyActivation(Function, x);

    public override IReadOnlyDictionary<string, object?> GetConfig() => Config(("axis", Axis));
}
