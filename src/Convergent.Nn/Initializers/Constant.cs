using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Every element equal to <see cref="Value"/>. Keras <c>keras.initializers.Constant(value=0.0)</c>
/// (<c>"constant"</c>).</summary>
public sealed class Constant : Initializer
{
    /// <summary>Creates the initializer with a finite value.</summary>
    public Constant(double value = 0.0)
    {
        Check.Finite(value, "value");
        Value = value;
    }

    public double Value { get; }

    public override Tensor Create(Shape shape, DType dtype, Random rng) => Tensor.Full(shape, Value, dtype);
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?> { ["value"] = Value };
}
