using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>All zeros. Keras <c>keras.initializers.Zeros()</c> (<c>"zeros"</c>), the default bias initializer.</summary>
public sealed class Zeros : Initializer
{
    public override Tensor Create(Shape shape, DType dtype, Random rng) => Tensor.Zeros(shape, dtype);
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>();
}
