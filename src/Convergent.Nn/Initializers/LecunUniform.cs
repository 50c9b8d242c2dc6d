namespace Convergent.Nn;

/// <summary>
/// LeCun uniform: U(−limit, limit), limit = √(3/fan_in), so Var = 1/fan_in. Keras
/// <c>keras.initializers.LecunUniform(seed=None)</c> (<c>"lecun_uniform"</c>). LeCun et al., "Efficient BackProp",
/// 1998.
/// </summary>
public sealed class LecunUniform(int? seed = null) : VarianceScaling(1.0, FanMode.FanIn, VarianceDistribution.Uniform, seed)
{
    public override IReadOnlyDictionary<string, object?> GetConfig() => SeedConfig();
}
