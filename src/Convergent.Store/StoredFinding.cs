namespace Convergent.Store;

/// <summary>
/// One row of <c>findings</c>: a finding as the doctor posted it, with <see cref="EvidenceJson"/> (an object name →
/// number, numbers or text), <see cref="FixesJson"/> (an array of {action, description, keras}) and
/// <see cref="CausedBy"/> (codes). <see cref="Rank"/> is the position in the final diagnosis (0 = most likely root
/// cause); findings posted while the run trains have the rank of their arrival until the diagnosis replaces them.
/// </summary>
public sealed record StoredFinding(string Code, string Severity, string Title)
{
    public long Id { get; init; }
    public int Rank { get; init; }
    public string? Layer { get; init; }
    public int? Epoch { get; init; }
    public long? Step { get; init; }
    public string EvidenceJson { get; init; } = "{}";
    public string Explanation { get; init; } = "";
    public string FixesJson { get; init; } = "[]";
    public IReadOnlyList<string> CausedBy { get; init; } = [];
    public double Confidence { get; init; }
    /// <summary>Whether the finding belongs to the final, ranked diagnosis (false: posted live, before it).</summary>
    public bool Final { get; init; }
}
