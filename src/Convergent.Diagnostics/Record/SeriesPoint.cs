namespace Convergent.Diagnostics;

/// <summary>One value of a <see cref="Series"/>: the global training step (0-based) and the value.</summary>
public readonly record struct SeriesPoint(long Step, double Value);
