using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Zeroes negative weights: w ← w·[w ≥ 0]. Keras <c>keras.constraints.NonNeg()</c> (<c>"non_neg"</c>).</summary>
public sealed class NonNeg : Constraint
{
    public override void Apply(Tensor w)
    {
        for (int i = 0; i < w.Size; i++)
            if (w[i] < 0) w[i] = 0;
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>();
}
