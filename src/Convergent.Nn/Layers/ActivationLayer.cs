using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Applies an activation function as a layer of its own (Keras <c>keras.layers.Activation(activation)</c>;
/// named <c>ActivationLayer</c> here because <see cref="Nn.Activation"/> is the function type).</summary>
public sealed class ActivationLayer(Activation activation, string? name = null) : Layer(name)
{
    /// <summary>The function applied.</summary>
    public Activation Activation { get; } = activation ?? throw new ArgumentNullException(nameof(activation));

    public override string ClassName => "Activation";

    public override Activation? ActivationFunction => Activation;

    public override Shape ComputeOutputShape(Shape inputShape) => inputShape;

    protected override Tensor Forward(Tensor x, bool training) => ApplyActivation(Activation, x);

    public override IReadOnlyDictionary<string, object?> GetConfig() => Config(("activation", KerasObject.Serialize(Activation)));
}
