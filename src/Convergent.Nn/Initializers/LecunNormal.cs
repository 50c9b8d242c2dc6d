namespace Convergent.Nn;

/// <summary>
/// LeCun normal: truncated normal with σ = √(1/fan_in) / 0.87962566103423978, cut at 2σ, so Var = 1/fan_in (the
/// initializer SELU networks need). Keras <c>keras.initializers.LecunNormal(seed=None)</c> (<c>"lecun_normal"</c>).
/// LeCun et al., "Efficient BackProp", 1998; Klambauer et al., "Self-normalizing neural networks", 2017.
/// </summary>
public sealed class LecunNormal(int? seed = null) : VarianceScaling(1.0, FanMode.FanIn, VarianceDistribution.TruncatedNormal, seed)
{
    public override IReadOnlyDictionary<string, object?> GetConfig() => SeedConfig();
}
