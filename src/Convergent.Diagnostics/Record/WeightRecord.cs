namespace Convergent.Diagnostics;

/// <summary>Per-step statistics of one trainable weight (e.g. <c>dense_1/kernel</c>).</summary>
public sealed class WeightRecord
{
    public WeightRecord(string name, int[] shape) { Name = name; Shape = shape; }

    /// <summary>Full weight name, e.g. <c>dense_1/kernel</c>.</summary>
    public string Name { get; }

    /// <summary>The weight's shape.</summary>
    public int[] Shape { get; }

    /// <summary>‖g‖₂ of the gradient after backward.</summary>
    public Series GradientNorm { get; } = new("gradient_norm");

    /// <summary>mean |g| of the gradient.</summary>
    public Series GradientMeanAbs { get; } = new("gradient_mean_abs");

    /// <summary>‖w‖₂ after the update.</summary>
    public Series WeightNorm { get; } = new("weight_norm");

    /// <summary>‖Δw‖₂ / ‖w‖₂ of the optimizer step (healthy ≈ 1e-3).</summary>
    public Series UpdateRatio { get; } = new("update_ratio");

    /// <summary>Number of NaN/±Inf entries in the gradient.</summary>
    public Series NonFiniteGradients { get; } = new("nonfinite_gradients");

    /// <summary>Every series of this weight.</summary>
    public IEnumerable<Series> AllSeries => [GradientNorm, GradientMeanAbs, WeightNorm, UpdateRatio, NonFiniteGradients];
}
