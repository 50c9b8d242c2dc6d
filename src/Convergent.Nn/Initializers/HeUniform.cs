namespace Convergent.Nn;

/// <summary>
/// He (Kaiming) uniform: U(−limit, limit), limit = √(6/fan_in), so Var = 2/fan_in. Keras
/// <c>keras.initializers.HeUniform(seed=None)</c> (<c>"he_uniform"</c>). He et al., "Delving deep into rectifiers:
/// surpassing human-level performance on ImageNet classification", ICCV 2015.
/// </summary>
public sealed class HeUniform(int? seed = null) : VarianceScaling(2.0, FanMode.FanIn, VarianceDistribution.Uniform, seed)
{
    public override IReadOnlyDictionary<string, object?> GetConfig() => SeedConfig();
}
