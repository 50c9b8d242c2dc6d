using Convergent.Diagnostics;

namespace Convergent.Cli;

/// <summary>
/// Everything one <c>doctor</c> run is asked to do: what to train (MODEL, DATA, overrides), how (seed, threads, time
/// budget, deterministic probing) and which outputs to write. Built from the command line by <see cref="DoctorCommand"/>
/// and directly by <c>suite</c> and the tests.
/// </summary>
internal sealed record DoctorRequest(string ModelPath, string DataSpec)
{
    /// <summary>Command-line overrides of the script's compile/fit arguments.</summary>
    public Overrides Overrides { get; init; } = new();

    /// <summary>Seed for initialization, shuffling and dropout.</summary>
    public int Seed { get; init; } = 1337;

    /// <summary>Kernel threads.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>CSV target column (name or index); null: the last column.</summary>
    public string? Target { get; init; }

    /// <summary>Stop training after this many seconds (the report says time_budget).</summary>
    public double? MaxSeconds { get; init; }

    /// <summary>Print only the final summary.</summary>
    public bool Quiet { get; init; }

    /// <summary>Exit with status 3 when findings of this severity exist.</summary>
    public Severity? FailOn { get; init; }

    /// <summary>Measure every step and bound the quick probes by steps (no wall-time share for probes and rules, no quick-probe
    /// time budget): the same input gives the same findings.</summary>
    public bool Deterministic { get; init; }

    /// <summary>Write the JSON report (convergent.report/1) to this file.</summary>
    public string? JsonPath { get; init; }

    /// <summary>Write the self-contained HTML report to this file.</summary>
    public string? HtmlPath { get; init; }

    /// <summary>Write the run as TensorBoard event files (train/ and validation/) into this folder.</summary>
    public string? TensorBoardDir { get; init; }

    /// <summary>Prove up to this many fixes by short trials (0: none).</summary>
    public int TrialFixes { get; init; }

    /// <summary>Write the top-ranked applicable fix into the script at this path (and the diff beside it).</summary>
    public string? FixScriptPath { get; init; }
}
