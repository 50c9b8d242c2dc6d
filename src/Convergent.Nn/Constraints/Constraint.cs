using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>A projection applied to a weight after every optimizer step (Keras <c>keras.constraints.Constraint</c>).</summary>
public abstract class Constraint
{
    /// <summary>Projects <paramref name="w"/> in place.</summary>
    public abstract void Apply(Tensor w);

    /// <summary>The Keras configuration for serialization.</summary>
    public abstract IReadOnlyDictionary<string, object?> GetConfig();
}
