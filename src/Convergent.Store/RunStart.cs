namespace Convergent.Store;

/// <summary>
/// What is known about a run when it starts: which verb (<c>doctor</c>, <c>train</c>), the model and data it was given,
/// the seed, and the rest of its configuration as a JSON object (overrides, fit settings, versions — see
/// <see cref="RunConfig"/>). The store adds the host and the start time.
/// </summary>
public sealed record RunStart(string Kind, string? ModelPath, string? DataSpec)
{
    /// <summary>The seed for initialization, shuffling and dropout.</summary>
    public long? Seed { get; init; }

    /// <summary>The configuration as a JSON object (<see cref="RunConfig.ToJson"/>).</summary>
    public string ConfigJson { get; init; } = "{}";

    /// <summary>The machine the run trains on (default: this one).</summary>
    public string Host { get; init; } = Environment.MachineName;

    /// <summary>The version of the tool that recorded the run.</summary>
    public string ToolVersion { get; init; } = StoreVersions.Tool;

    /// <summary>When the run started (default: now).</summary>
    public DateTimeOffset StartedAt { get; init; } = DateTimeOffset.UtcNow;
}
