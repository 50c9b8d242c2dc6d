namespace Convergent.Nn;

/// <summary>
/// A range [Lower, Upper] of fractions for random image transforms (Keras <c>height_factor</c>/<c>width_factor</c>):
/// a single number f means [−|f|, |f|], a pair (a, b) the range between them. Both ends must lie in [−1, 1].
/// </summary>
public readonly record struct FactorRange
{
    /// <summary>The range between <paramref name="a"/> and <paramref name="b"/> (in either order).</summary>
    public FactorRange(double a, double b)
    {
        Lower = Math.Min(a, b);
        Upper = Math.Max(a, b);
        Given = $"({Check.Format(a)}, {Check.Format(b)})";
    }

    public double Lower { get; }
    public double Upper { get; }

    /// <summary>The value as the user wrote it, for configurations and messages.</summary>
    internal string Given { get; init; }

    public static implicit operator FactorRange(double f) => new(-Math.Abs(f), Math.Abs(f)) { Given = Check.Format(f) };
    public static implicit operator FactorRange((double Lower, double Upper) r) => new(r.Lower, r.Upper);

    /// <summary>Throws unless both ends lie in [−1, 1], naming the argument.</summary>
    internal void Validate(string name)
    {
        if (!(Lower >= -1 && Upper <= 1))
            throw new ArgumentException($"The `factor` argument should be a number (or a list of two numbers) in the range [-1.0, 1.0]. Received: {name}={Given}");
    }

    /// <summary>Keras's config form: the number, or [lower, upper].</summary>
    internal object ToConfig() => Given.StartsWith('(') ? new[] { Lower, Upper } : Upper;
}
