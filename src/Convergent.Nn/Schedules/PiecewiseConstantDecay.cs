namespace Convergent.Nn;

/// <summary>A learning rate that is constant between step boundaries
/// (Keras <c>keras.optimizers.schedules.PiecewiseConstantDecay</c>).</summary>
/// <remarks>With boundaries b₀ &lt; … &lt; bₖ₋₁ and values v₀ … vₖ: v₀ while step ≤ b₀, vᵢ while bᵢ₋₁ &lt; step ≤ bᵢ,
/// vₖ once step &gt; bₖ₋₁ (boundaries belong to the interval on their left, as in Keras).</remarks>
public sealed class PiecewiseConstantDecay : LearningRateSchedule
{
    private readonly long[] _boundaries;
    private readonly double[] _values;

    /// <summary>Creates the schedule; there must be one more value than boundaries.</summary>
    public PiecewiseConstantDecay(IReadOnlyList<long> boundaries, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != boundaries.Count + 1)
            throw new ArgumentException($"The length of boundaries should be 1 less than the length of values. Received: boundaries of length {boundaries.Count} and values of length {values.Count}.");
        for (int i = 1; i < boundaries.Count; i++)
            if (boundaries[i] <= boundaries[i - 1])
                throw new ArgumentException($"Boundaries must be strictly increasing. Received: boundaries=[{string.Join(", ", boundaries)}]", nameof(boundaries));
        foreach (var v in values) ScheduleChecks.NonNegative(v, "values");
        _boundaries = [.. boundaries];
        _values = [.. values];
    }

    /// <summary>The step boundaries.</summary>
    public IReadOnlyList<long> Boundaries => _boundaries;
    /// <summary>The rates, one per interval.</summary>
    public IReadOnlyList<double> Values => _values;

    public override double At(long step)
    {
        for (int i = 0; i < _boundaries.Length; i++)
            if (step <= _boundaries[i]) return _values[i];
        return _values[^1];
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>
    {
        ["boundaries"] = _boundaries.ToArray(),
        ["values"] = _values.ToArray(),
        ["name"] = "PiecewiseConstant",
    };
}
