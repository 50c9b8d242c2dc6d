namespace Convergent.Nn;

/// <summary>Penalty l1·Σ|w|. Keras <c>keras.regularizers.L1(l1=0.01)</c> (<c>"l1"</c>); pushes weights to exactly 0.</summary>
public sealed class L1(double l1 = 0.01) : L1L2(l1, 0.0)
{
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?> { ["l1"] = L1Factor };
}
