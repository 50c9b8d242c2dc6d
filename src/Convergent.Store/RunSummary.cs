namespace Convergent.Store;

/// <summary>
/// One row of <c>runs</c>: the run's identity and configuration, how far it got, and how it ended — what a run list
/// shows. <see cref="ModelJson"/> and <see cref="ConfigJson"/> are JSON objects (<see cref="RunConfig"/>).
/// </summary>
public sealed record RunSummary(long Id, string Kind, RunStatus Status)
{
    public string? ModelPath { get; init; }
    public string? DataSpec { get; init; }
    public long? Seed { get; init; }
    public string Host { get; init; } = "";
    public string ToolVersion { get; init; } = "";
    public DateTimeOffset StartedAt { get; init; }
    /// <summary>The last time anything was written for the run.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    /// <summary>The model summary (layers, shapes, params) as JSON; null until the model was built.</summary>
    public string? ModelJson { get; init; }
    public string ConfigJson { get; init; } = "{}";
    /// <summary>Epochs recorded so far.</summary>
    public int Epochs { get; init; }
    /// <summary>Training steps recorded so far.</summary>
    public long Steps { get; init; }
    public double? FinalLoss { get; init; }
    public double? FinalAccuracy { get; init; }
    public double? FinalValLoss { get; init; }
    public double? FinalValAccuracy { get; init; }
    /// <summary>The doctor's verdict (<c>healthy</c>, <c>not_learning</c>, …); null for train runs and running ones.</summary>
    public string? Verdict { get; init; }
    /// <summary>The top-ranked finding's code and title, e.g. "LR_TOO_HIGH: the loss …".</summary>
    public string? TopFinding { get; init; }
    /// <summary>Why the run failed (status failed).</summary>
    public string? Error { get; init; }
}
