namespace Convergent.Nn;

/// <summary>
/// He (Kaiming) normal: truncated normal with σ = √(2/fan_in) / 0.87962566103423978, cut at 2σ, so Var = 2/fan_in
/// (keeps ReLU activations' variance). Keras <c>keras.initializers.HeNormal(seed=None)</c> (<c>"he_normal"</c>). He et
/// al., "Delving deep into rectifiers: surpassing human-level performance on ImageNet classification", ICCV 2015.
/// </summary>
public sealed class HeNormal(int? seed = null) : VarianceScaling(2.0, FanMode.FanIn, VarianceDistribution.TruncatedNormal, seed)
{
    public override IReadOnlyDictionary<string, object?> GetConfig() => SeedConfig();
}
