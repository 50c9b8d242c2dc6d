using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Draws from U(minval, maxval). Keras <c>keras.initializers.RandomUniform(minval=-0.05, maxval=0.05,
/// seed=None)</c> (<c>"random_uniform"</c>).</summary>
public sealed class RandomUniform : Initializer
{
    /// <summary>Creates the initializer; the bounds must be finite with minval ≤ maxval.</summary>
    public RandomUniform(double minval = -0.05, double maxval = 0.05, int? seed = null)
    {
        Check.Finite(minval, "minval");
        Check.Finite(maxval, "maxval");
        if (minval > maxval)
            throw new ArgumentException($"Invalid arguments minval and maxval: expected minval <= maxval. Received: minval={Check.Format(minval)}, maxval={Check.Format(maxval)}");
        Minval = minval; Maxval = maxval; Seed = seed;
    }

    public double Minval { get; }
    public double Maxval { get; }
    public int? Seed { get; }

    public override Tensor Create(Shape shape, DType dtype, Random rng)
    {
        var r = Sampling.Source(Seed, rng);
        return Sampling.Fill(shape, dtype, () => Minval + (Maxval - Minval) * r.NextDouble());
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() =>
        new Dictionary<string, object?> { ["minval"] = Minval, ["maxval"] = Maxval, ["seed"] = Seed };
}
