namespace Convergent.Nn;

/// <summary>
/// Glorot (Xavier) uniform: U(−limit, limit), limit = √(6/(fan_in + fan_out)), so Var = 2/(fan_in + fan_out).
/// Keras <c>keras.initializers.GlorotUniform(seed=None)</c> (<c>"glorot_uniform"</c>), the default kernel initializer
/// of Dense and Conv layers. Glorot and Bengio, "Understanding the difficulty of training deep feedforward neural
/// networks", AISTATS 2010.
/// </summary>
public sealed class GlorotUniform(int? seed = null) : VarianceScaling(1.0, FanMode.FanAvg, VarianceDistribution.Uniform, seed)
{
    public override IReadOnlyDictionary<string, object?> GetConfig() => SeedConfig();
}
