namespace Convergent.Diagnostics;

/// <summary>
/// Everything measured for one layer, by column: one <see cref="Series"/> per statistic over training steps
/// (this is how to track activations and gradients of each mini-batch:
/// <c>record.Layer("dense_1").GradientNorm</c>), plus lower-rate histograms and per-weight series.
/// </summary>
/// <param name="name">The layer's name.</param>
/// <param name="frame">Where the series store their values (a run's statistics frame); null: each series on its own.</param>
public sealed class LayerRecord(string name, SeriesFrame? frame = null)
{
    private readonly List<WeightRecord> _weights = [];

    /// <summary>The layer's name, e.g. <c>dense_1</c>.</summary>
    public string Name { get; } = name;

    /// <summary>Mean of the layer's output over the batch.</summary>
    public Series ActivationMean { get; } = new("activation_mean", frame);

    /// <summary>Standard deviation of the layer's output over the batch.</summary>
    public Series ActivationStd { get; } = new("activation_std", frame, storedSquared: true);

    /// <summary>Minimum of the layer's output.</summary>
    public Series ActivationMin { get; } = new("activation_min", frame);

    /// <summary>Maximum of the layer's output.</summary>
    public Series ActivationMax { get; } = new("activation_max", frame);

    /// <summary>Number of NaN/±Inf outputs.</summary>
    public Series NonFiniteActivations { get; } = new("nonfinite_activations", frame);

    /// <summary>ReLU layers: share of units (channels for convolutions) that output 0 for the whole batch.</summary>
    public Series DeadShare { get; } = new("dead_fraction", frame);

    /// <summary>tanh/sigmoid layers: share of units whose |pre-activation| is ≥ the saturation bound (findings.md: 5) for the
    /// whole batch.</summary>
    public Series SaturatedShare { get; } = new("saturated_fraction", frame);

    /// <summary>L2 norm of all the layer's weight gradients together.</summary>
    public Series GradientNorm { get; } = new("gradient_norm", frame, storedSquared: true);

    /// <summary>mean |g| over all the layer's weight gradients.</summary>
    public Series GradientMeanAbs { get; } = new("gradient_mean_abs", frame);

    /// <summary>L2 norm of all the layer's weights together, after the update.</summary>
    public Series WeightNorm { get; } = new("weight_norm", frame, storedSquared: true);

    /// <summary>‖Δw‖₂ / ‖w‖₂ over all the layer's weights (healthy ≈ 1e-3).</summary>
    public Series UpdateRatio { get; } = new("update_ratio", frame, storedSquared: true);

    /// <summary>Number of NaN/±Inf entries in the layer's gradients.</summary>
    public Series NonFiniteGradients { get; } = new("nonfinite_gradients", frame);

    /// <summary>Histograms of the layer's output, every <see cref="ProbeOptions.HistogramEvery"/> steps.</summary>
    public List<Histogram> ActivationHistograms { get; } = [];

    /// <summary>Histograms of the layer's first weight gradient (the kernel), at the same rate.</summary>
    public List<Histogram> GradientHistograms { get; } = [];

    /// <summary>The layer's trainable weights, in creation order.</summary>
    public IReadOnlyList<WeightRecord> Weights => _weights;

    /// <summary>The weight whose name is or ends with <paramref name="name"/> (e.g. "kernel").</summary>
    public WeightRecord Weight(string name) =>
        _weights.FirstOrDefault(w => w.Name == name || w.Name.EndsWith("/" + name, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"Layer '{Name}' has no weight '{name}'; it has: {string.Join(", ", _weights.Select(w => w.Name))}.");

    /// <summary>Adds (or returns) the record of a weight.</summary>
    public WeightRecord AddWeight(string name, int[] shape)
    {
        var w = _weights.FirstOrDefault(x => x.Name == name);
        if (w is null) { w = new WeightRecord(name, shape, frame); _weights.Add(w); }
        return w;
    }

    /// <summary>Every per-step series of the layer (not the per-weight ones).</summary>
    public IEnumerable<Series> AllSeries =>
    [
        ActivationMean, ActivationStd, ActivationMin, ActivationMax, NonFiniteActivations, DeadShare, SaturatedShare,
        GradientNorm, GradientMeanAbs, WeightNorm, UpdateRatio, NonFiniteGradients,
    ];

    public override string ToString() => Name;
}
