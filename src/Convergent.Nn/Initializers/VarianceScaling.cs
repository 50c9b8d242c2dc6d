using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Draws weights whose variance is scale/n, n the fan chosen by <see cref="Mode"/> (floored at 1). Keras
/// <c>keras.initializers.VarianceScaling(scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None)</c>:
/// <list type="bullet">
/// <item>truncated_normal: N(0, σ²) cut at ±2σ with σ = √(scale/n) / 0.87962566103423978 — the constant is the
/// standard deviation of a unit normal truncated at ±2, so the truncated draws keep variance scale/n;</item>
/// <item>untruncated_normal: N(0, scale/n);</item>
/// <item>uniform: U(−limit, limit), limit = √(3·scale/n) (a uniform on ±a has variance a²/3).</item>
/// </list>
/// Glorot, He and LeCun initializers are this class with fixed arguments.
/// </summary>
public class VarianceScaling : Initializer
{
    /// <summary>Standard deviation of a unit normal truncated to [−2, 2] (Keras's constant).</summary>
    public const double TruncatedStddevCorrection = .87962566103423978;

    /// <summary>Creates the initializer; <paramref name="scale"/> must be positive and finite.</summary>
    public VarianceScaling(double scale = 1.0, FanMode mode = FanMode.FanIn,
        VarianceDistribution distribution = VarianceDistribution.TruncatedNormal, int? seed = null)
    {
        if (!(scale > 0) || !double.IsFinite(scale))
            throw new ArgumentException($"Argument scale must be a positive float. Received: scale={Check.Format(scale)}");
        Scale = scale;
        Mode = mode;
        Distribution = distribution;
        Seed = seed;
    }

    /// <summary>Target variance times the fan (Keras <c>scale</c>).</summary>
    public double Scale { get; }

    /// <summary>Which fan divides the scale (Keras <c>mode</c>).</summary>
    public FanMode Mode { get; }

    /// <summary>The distribution drawn from (Keras <c>distribution</c>).</summary>
    public VarianceDistribution Distribution { get; }

    /// <summary>The initializer's own seed, or null to draw from the layer's random stream.</summary>
    public int? Seed { get; }

    /// <summary>The variance the drawn weights have for a weight of shape <paramref name="shape"/>: scale/max(1, fan).</summary>
    public double TargetVariance(Shape shape)
    {
        var (fanIn, fanOut) = ComputeFans(shape);
        double fan = Mode switch { FanMode.FanIn => fanIn, FanMode.FanOut => fanOut, _ => (fanIn + fanOut) / 2.0 };
        return Scale / Math.Max(1.0, fan);
    }

    public override Tensor Create(Shape shape, DType dtype, Random rng)
    {
        double variance = TargetVariance(shape);
        var r = Sampling.Source(Seed, rng);
        switch (Distribution)
        {
            case VarianceDistribution.TruncatedNormal:
                double sd = Math.Sqrt(variance) / TruncatedStddevCorrection;
                return Sampling.Fill(shape, dtype, () => sd * Sampling.TruncatedNormal(r));
            case VarianceDistribution.UntruncatedNormal:
                double s = Math.Sqrt(variance);
                return Sampling.Fill(shape, dtype, () => s * Sampling.Normal(r));
            default:
                double limit = Math.Sqrt(3.0 * variance);
                return Sampling.Fill(shape, dtype, () => limit * (2.0 * r.NextDouble() - 1.0));
        }
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>
    {
        ["scale"] = Scale,
        ["mode"] = Mode switch { FanMode.FanIn => "fan_in", FanMode.FanOut => "fan_out", _ => "fan_avg" },
        ["distribution"] = Distribution switch
        {
            VarianceDistribution.TruncatedNormal => "truncated_normal",
            VarianceDistribution.UntruncatedNormal => "untruncated_normal",
            _ => "uniform",
        },
        ["seed"] = Seed,
    };

    /// <summary>The configuration of the named subclasses, which take only a seed (as in Keras).</summary>
    protected IReadOnlyDictionary<string, object?> SeedConfig() => new Dictionary<string, object?> { ["seed"] = Seed };
}
