namespace Convergent.Diagnostics;

/// <summary>Per-step statistics of one trainable weight (e.g. <c>dense_1/kernel</c>).</summary>
/// <param name="name">Full weight name.</param>
/// <param name="shape">The weight's shape.</param>
/// <param name="frame">Where the series store their values (a run's statistics frame); null: each series on its own.</param>
public sealed class WeightRecord(string name, int[] shape, SeriesFrame? frame = null)
{
    /// <summary>Full weight name, e.g. <c>dense_1/kernel</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The weight's shape.</summary>
    public int[] Shape { get; } = shape;

    /// <summary>‖g‖₂ of the gradient after backward.</summary>
    public Series GradientNorm { get; } = new("gradient_norm", frame, storedSquared: true);

    /// <summary>mean |g| of the gradient.</summary>
    public Series GradientMeanAbs { get; } = new("gradient_mean_abs", frame);

    /// <summary>‖w‖₂ after the update.</summary>
    public Series WeightNorm { get; } = new("weight_norm", frame, storedSquared: true);

    /// <summary>‖Δw‖₂ / ‖w‖₂ of the optimizer step (healthy ≈ 1e-3).</summary>
    public Series UpdateRatio { get; } = new("update_ratio", frame, storedSquared: true);

    /// <summary>Number of NaN/±Inf entries in the gradient.</summary>
    public Series NonFiniteGradients { get; } = new("nonfinite_gradients", frame);

    /// <summary>Every series of this weight.</summary>
    public IEnumerable<Series> AllSeries => [GradientNorm, GradientMeanAbs, WeightNorm, UpdateRatio, NonFiniteGradients];
}
