using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Draws from N(mean, stddev²). Keras <c>keras.initializers.RandomNormal(mean=0.0, stddev=0.05, seed=None)</c>
/// (<c>"random_normal"</c>).</summary>
public sealed class RandomNormal : Initializer
{
    /// <summary>Creates the initializer; <paramref name="stddev"/> must be non-negative.</summary>
    public RandomNormal(double mean = 0.0, double stddev = 0.05, int? seed = null)
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
        return Sampling.Fill(shape, dtype, () => Mean + Stddev * Sampling.Normal(r));
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() =>
        new Dictionary<string, object?> { ["mean"] = Mean, ["stddev"] = Stddev, ["seed"] = Seed };
}
