namespace Convergent.Nn;

/// <summary>
/// Glorot (Xavier) normal: truncated normal with σ = √(2/(fan_in + fan_out)) / 0.87962566103423978, cut at 2σ, so
/// Var = 2/(fan_in + fan_out). Keras <c>keras.initializers.GlorotNormal(seed=None)</c> (<c>"glorot_normal"</c>).
/// Glorot and Bengio, "Understanding the difficulty of training deep feedforward neural networks", AISTATS 2010.
/// </summary>
public sealed class GlorotNormal(int? seed = null) : VarianceScaling(1.0, FanMode.FanAvg, VarianceDistribution.TruncatedNormal, seed)
{
    public override IReadOnlyDictionary<string, object?> GetConfig() => SeedConfig();
}
