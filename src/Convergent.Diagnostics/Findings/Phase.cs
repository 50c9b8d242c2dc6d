namespace Convergent.Diagnostics;

/// <summary>When a finding code is decided (the three tables of findings.md).</summary>
public enum Phase
{
    /// <summary>From the model and the data, before any step (plus the bounded quick probes).</summary>
    Before,
    /// <summary>Streamed from per-batch probes while training runs.</summary>
    During,
    /// <summary>From the epoch curves; also works from a training log alone.</summary>
    After,
}
