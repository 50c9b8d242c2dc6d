using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>All ones. Keras <c>keras.initializers.Ones()</c> (<c>"ones"</c>), e.g. BatchNormalization's gamma.</summary>
public sealed class Ones : Initializer
{
    public override Tensor Create(Shape shape, DType dtype, Random rng) => Tensor.Ones(shape, dtype);
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>();
}
