namespace Convergent.Store;

/// <summary>One row of <c>epoch_metrics</c>: a metric's value at an epoch (1-based); NaN where the run logged a
/// non-number. <see cref="Id"/> increases in write order within a run (readers follow a live run by it).</summary>
public sealed record EpochValue(long Id, int Epoch, string Name, double Value);
