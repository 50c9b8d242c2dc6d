using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Draws from N(mean, stddev²) conditioned on |x − mean| ≤ 2·stddev (values beyond are redrawn, as
/// <c>tf.random.truncated_normal</c>), so the variance is ≈ 0.774·stddev². Keras
/// <c>keras.initializers.TruncatedNormal(mean=0.0, stddev=0.05, seed=None)</c> (<c>"truncated_normal"</c>).</summary>
public sealed class TruncatedNormal : Initializer
{
    /// <summary>Creates the initializer; <paramref name="stddev"/> must be non-negative.</summary>
    public TruncatedNormal(double mean = 0.0, double stddev = 0.05, int? seed = null)
    {
        Check.Finite(mean, "mean");
        Check.NonNegative(stddev, "stddev");
        Mean = mean; Stddev = stddev; Seed = seed;
    }

    public double Mean { get; }
    public double Stddev { get; }
    public int? Seed { get; }

    public override Tensor Create(Shape shape, DType dtype, Random rng)
    {
        var r = Sampling.Source(Seed, rng);
        return Sampling.Fill(shape, dtype, () => Mean + Stddev * Sampling.TruncatedNormal(r));
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() =>
        new Dictionary<string, object?> { ["mean"] = Mean, ["stddev"] = Stddev, ["seed"] = Seed };
}
