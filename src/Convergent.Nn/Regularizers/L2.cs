namespace Convergent.Nn;

/// <summary>Penalty l2·Σw² (no ½). Keras <c>keras.regularizers.L2(l2=0.01)</c> (<c>"l2"</c>); its gradient 2·l2·w is
/// weight decay of rate 2·l2·learning_rate under SGD.</summary>
public sealed class L2(double l2 = 0.01) : L1L2(0.0, l2)
{
    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?> { ["l2"] = L2Factor };
}
