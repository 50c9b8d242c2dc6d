namespace Convergent.Store;

/// <summary>
/// A run of consecutive points of one per-step series, as stored in one row of <c>series_chunks</c>: the layer
/// (empty for run-wide series such as the batch <c>loss</c> and <c>lr</c>, <c>output</c> for the output-layer
/// statistics), the series name (<c>gradient_norm</c>, <c>update_ratio</c>, <c>dead_fraction</c>, …) and the points.
/// A recorder writes one chunk per (layer, series) per flush, so a run of thousands of steps over tens of layers is
/// a few thousand rows rather than millions.
/// </summary>
public sealed record SeriesChunk(string Layer, string Series, long[] Steps, double[] Values)
{
    /// <summary>The row id (0 before it is stored); increases in write order within a run.</summary>
    public long Id { get; init; }

    /// <summary>The layer name used for the output-layer statistics.</summary>
    public const string OutputLayer = "output";
}
