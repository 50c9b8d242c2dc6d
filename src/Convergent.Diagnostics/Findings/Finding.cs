namespace Convergent.Diagnostics;

/// <summary>
/// One diagnosis: a code of findings.md, where it applies (layer, epoch, step), the measured evidence, an
/// explanation for a beginner, the findings that cause it (<see cref="CausedBy"/>, set by <see cref="Diagnosis"/>
/// from <see cref="CauseGraph"/>), and ranked fixes.
/// </summary>
public sealed record Finding
{
    /// <summary>Creates a finding; <paramref name="code"/> must be a code of findings.md.</summary>
    public Finding(string code, Severity severity, string title)
    {
        if (!FindingCode.IsKnown(code)) throw new ArgumentException($"Unknown finding code '{code}'. Codes come only from findings.md.", nameof(code));
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Code = code; Severity = severity; Title = title;
    }

    /// <summary>The finding code (e.g. <c>DEAD_RELU</c>).</summary>
    public string Code { get; }

    /// <summary>Error, warning or info.</summary>
    public Severity Severity { get; init; }

    /// <summary>A one-line headline with the key number, e.g. "93 % of the ReLU units of dense_1 are dead".</summary>
    public string Title { get; init; }

    /// <summary>The phase of the code (findings.md table).</summary>
    public Phase Phase => FindingCode.PhaseOf(Code);

    /// <summary>The layer the finding is about, or null for model-, data- or run-wide findings.</summary>
    public string? Layer { get; init; }

    /// <summary>The epoch where it was detected or started, 1-based as Keras prints it; null before training.</summary>
    public int? Epoch { get; init; }

    /// <summary>The global training step (0-based, Keras <c>optimizer.iterations</c> before the update) where it
    /// was detected or started; null when not step-specific (e.g. from an epoch log).</summary>
    public long? Step { get; init; }

    /// <summary>The measured values that triggered the finding.</summary>
    public Evidence Evidence { get; init; } = new();

    /// <summary>What it means and why it matters, in words a beginner understands.</summary>
    public string Explanation { get; init; } = "";

    /// <summary>Codes of the present findings that most likely cause this one (root-cause links).</summary>
    public IReadOnlyList<string> CausedBy { get; init; } = [];

    /// <summary>What to change, best first.</summary>
    public IReadOnlyList<Fix> Fixes { get; init; } = [];

    /// <summary>How sure the rule is, in [0, 1].</summary>
    public double Confidence
    {
        get => _confidence;
        init => _confidence = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Confidence), $"Confidence must be in [0, 1]. Received: {value}");
    }
    private readonly double _confidence = 0.5;

    /// <summary>"DEAD_RELU (warning) dense_1 epoch 2 step 37: title".</summary>
    public override string ToString() =>
        $"{Code} ({Severity.ToString().ToLowerInvariant()})" + (Layer is null ? "" : $" {Layer}") +
        (Epoch is null ? "" : $" epoch {Epoch}") + (Step is null ? "" : $" step {Step}") + $": {Title}";
}
