namespace Convergent.Diagnostics;

/// <summary>Sampling knobs of <see cref="DoctorProbe"/>: how often the per-tensor statistics and the histograms are taken
/// and how many units are watched. The batch loss and learning rate are recorded on every step regardless.</summary>
public sealed record ProbeOptions
{
    /// <summary>Activation and gradient statistics every this many steps (1 = every mini-batch).</summary>
    public int StatsEvery { get; init; } = 1;

    /// <summary>
    /// When set, the share of wall time the probe may add to training (e.g. 0.04), charged by the whole step
    /// (<see cref="OverheadBudget"/>: a measured step's excess over the median plain step, so everything the statistics
    /// cost the training counts, not just their own code): a step that starts while the probe is over budget records only
    /// its loss and learning rate. This bounds the cost on models so small that any per-layer pass is comparable to the
    /// step itself. The first <see cref="DoctorProbe.WarmUpSteps"/> steps are always measured. Null: every
    /// <see cref="StatsEvery"/>-th step, deterministically.
    /// </summary>
    public double? MaxTimeShare { get; init; }

    /// <summary>Histograms (activations and kernel gradients) every this many steps; 0 turns them off.</summary>
    public int HistogramEvery { get; init; } = 100;

    /// <summary>Most histograms kept per layer and kind: past it the interval doubles and the kept ones are thinned to match
    /// (the first eighth always stays).</summary>
    public int MaxHistograms { get; init; } = 256;

    /// <summary>Bins per histogram.</summary>
    public int HistogramBins { get; init; } = 32;

    /// <summary>Most units (last-axis features, or channels) watched per layer for the dead and saturated unit shares; beyond it the first
    /// this many are watched.</summary>
    public int MaxUnitsSampled { get; init; } = 4096;

    /// <summary>|pre-activation| at or above which a tanh/sigmoid unit counts as saturated. findings.md "Thresholds": 5
    /// (tanh(5) = 0.99991, σ(5) = 0.9933: the derivative is below 1 % of its peak).</summary>
    public double SaturationBound { get; init; } = 5;

    /// <summary>Also record forward passes with <c>training=false</c> (validation, predict); off by default so the
    /// series are the training mini-batches only.</summary>
    public bool RecordInference { get; init; }

    /// <summary>Checks the values; throws naming the bad one.</summary>
    public void Validate()
    {
        if (StatsEvery < 1) throw new ArgumentOutOfRangeException(nameof(StatsEvery), $"StatsEvery must be ≥ 1. Received: {StatsEvery}");
        if (HistogramEvery < 0) throw new ArgumentOutOfRangeException(nameof(HistogramEvery), $"HistogramEvery must be ≥ 0. Received: {HistogramEvery}");
        if (MaxHistograms < 8) throw new ArgumentOutOfRangeException(nameof(MaxHistograms), $"MaxHistograms must be ≥ 8. Received: {MaxHistograms}");
        if (HistogramBins < 1) throw new ArgumentOutOfRangeException(nameof(HistogramBins), $"HistogramBins must be ≥ 1. Received: {HistogramBins}");
        if (MaxUnitsSampled < 1) throw new ArgumentOutOfRangeException(nameof(MaxUnitsSampled), $"MaxUnitsSampled must be ≥ 1. Received: {MaxUnitsSampled}");
        if (MaxTimeShare is double t && !(t > 0 && t <= 1)) throw new ArgumentOutOfRangeException(nameof(MaxTimeShare), $"MaxTimeShare must be in (0, 1]. Received: {t}");
        if (!(SaturationBound > 0)) throw new ArgumentOutOfRangeException(nameof(SaturationBound), $"SaturationBound must be > 0. Received: {SaturationBound}");
    }
}
