namespace Convergent.Diagnostics;

/// <summary>How the doctor runs: probe sampling, rules, quick probes and time limits.</summary>
public sealed record DoctorOptions
{
    /// <summary>Probe sampling knobs; by default the statistics may add 4 % to the training's wall time, measured by the
    /// whole step (<see cref="OverheadBudget"/>) — every step on most models, a sample of them on models whose step takes
    /// microseconds. With <see cref="RuleTimeShare"/> the two shares form one budget (6 % by default) that the statistics
    /// and the streaming rule checks draw on together. <c>new ProbeOptions()</c> probes every step.</summary>
    public ProbeOptions Probes { get; init; } = new() { MaxTimeShare = 0.04 };

    /// <summary>What the snapshot recorder keeps (conv filters, confusion matrix, decision boundary) and its bounds.</summary>
    public SnapshotOptions Snapshots { get; init; } = new();

    /// <summary>Makes the rule set for one run (default: <see cref="Rules.All"/>).</summary>
    public Func<IReadOnlyList<Rule>> Rules { get; init; } = () => Diagnostics.Rules.All;

    /// <summary>The quick probes run before training (default: <see cref="Diagnostics.QuickProbes.All"/>); empty to skip.</summary>
    public IReadOnlyList<IQuickProbe> QuickProbes { get; init; } = Diagnostics.QuickProbes.All;

    /// <summary>Wall-time budget of each quick probe; null bounds them by their step counts only, so a deterministic run
    /// (the labelled suite, CLI <c>--deterministic</c>) measures the same steps however loaded the machine is.</summary>
    public TimeSpan? QuickProbeBudget { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Training stops after this much wall time (CLI <c>--max-seconds</c>); null for no limit.</summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>Share of wall time the streaming rule checks may take (<see cref="RuleEngine.MaxTimeShare"/>); null
    /// checks every step.</summary>
    public double? RuleTimeShare { get; init; } = 0.02;

    /// <summary>Stop training cleanly at the first non-finite loss (the report still comes out).</summary>
    public bool StopOnNan { get; init; } = true;

    /// <summary>Where the model came from, for the report (<c>model.source</c>).</summary>
    public string? Source { get; init; }
}
