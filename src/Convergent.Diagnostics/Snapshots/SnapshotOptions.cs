namespace Convergent.Diagnostics;

/// <summary>How much the <see cref="SnapshotRecorder"/> keeps; every bound caps its cost in time and memory.</summary>
public sealed record SnapshotOptions
{
    /// <summary>Take snapshots at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Filter snapshots per layer: initialization, then epochs spread evenly up to the last planned one (which is
    /// always included). Story 2 looked at filters epoch by epoch; five moments show the change without a wall of images.</summary>
    public int FilterSnapshots { get; init; } = 5;

    /// <summary>Filters kept per layer (its first ones): 32 is a Keras first layer's usual width.</summary>
    public int MaxFiltersPerLayer { get; init; } = 32;

    /// <summary>Largest side of a stored filter in pixels; larger kernels (story 2's 400×400) are block-averaged down.</summary>
    public int MaxFilterSide { get; init; } = 32;

    /// <summary>Cells per side of the decision-boundary grid (100 × 100 = 10,000 predictions, milliseconds for an MLP).</summary>
    public int GridSize { get; init; } = 100;

    /// <summary>Data points kept for the decision-boundary picture (an even sample beyond this).</summary>
    public int MaxBoundaryPoints { get; init; } = 2000;

    /// <summary>Samples counted for the confusion matrix (an even sample beyond this): one inference pass at most this long.</summary>
    public int MaxConfusionSamples { get; init; } = 10_000;

    /// <summary>Throws naming the setting when a bound is not positive.</summary>
    public void Validate()
    {
        if (FilterSnapshots < 2) throw new ArgumentException($"FilterSnapshots must be at least 2 (first and last). Received: {FilterSnapshots}");
        if (MaxFiltersPerLayer < 1) throw new ArgumentException($"MaxFiltersPerLayer must be positive. Received: {MaxFiltersPerLayer}");
        if (MaxFilterSide < 1) throw new ArgumentException($"MaxFilterSide must be positive. Received: {MaxFilterSide}");
        if (GridSize < 2) throw new ArgumentException($"GridSize must be at least 2. Received: {GridSize}");
        if (MaxBoundaryPoints < 1) throw new ArgumentException($"MaxBoundaryPoints must be positive. Received: {MaxBoundaryPoints}");
        if (MaxConfusionSamples < 1) throw new ArgumentException($"MaxConfusionSamples must be positive. Received: {MaxConfusionSamples}");
    }
}
