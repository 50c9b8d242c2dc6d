using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>A weight penalty added to the training loss (Keras <c>keras.regularizers.Regularizer</c>).</summary>
public abstract class Regularizer
{
    /// <summary>The penalty for weights <paramref name="w"/> as a differentiable scalar.</summary>
    public abstract Tensor Penalty(Tensor w);

    /// <summary>The Keras configuration (e.g. <c>{"l2": 0.01}</c>) for serialization.</summary>
    public abstract IReadOnlyDictionary<string, object?> GetConfig();

    /// <summary>Keras's class name (e.g. <c>L2</c>).</summary>
    public virtual string ClassName => GetType().Name;

    public override string ToString() => ClassName;
}
