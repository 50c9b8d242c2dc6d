using Convergent.Diagnostics;
using Convergent.Keras;
using Convergent.Keras.Export;
using Convergent.Reports;

namespace Convergent.Cli;

/// <summary>
/// <c>doctor --trial-fixes N</c>: walks the error and warning findings in rank order and each one's fixes in order,
/// writes each fix that can be expressed as a change of the imported model into a copy of its spec
/// (<see cref="KerasFixApplier"/>), trains that model for the epochs the diagnosed run completed — same data, seed,
/// batch size and validation samples — and attaches the comparison to the fix (<see cref="FixTrial"/>), until N
/// distinct changes were tried.
/// </summary>
internal static class FixTrials
{
    /// <summary>Runs up to <paramref name="count"/> trials and returns <paramref name="diagnosis"/> with them attached; a fix
    /// whose model cannot be built or trained is reported as not tried, and the others still run.</summary>
    /// <param name="session">The imported script and the loaded data.</param>
    /// <param name="result">The diagnosed run (its trained model is the baseline).</param>
    /// <param name="diagnosis">Its diagnosis, in rank order.</param>
    /// <param name="baselineFit">The diagnosed run's fit settings.</param>
    /// <param name="overrides">The command line's overrides, applied to every trial as to the diagnosed run.</param>
    /// <param name="count">How many distinct changes to try.</param>
    /// <param name="output">Where the live lines go.</param>
    /// <param name="quiet">Print nothing.</param>
    /// <param name="runSeconds">How long the diagnosed run took: each trial may take twice as long (at least 10 s).</param>
    public static Diagnosis Run(ModelSession session, DoctorResult result, Diagnosis diagnosis, FitSettings baselineFit, Overrides overrides,
        int count, double runSeconds, TextWriter output, bool quiet)
    {
        if (count <= 0 || result.History is null) return diagnosis;
        int epochs = result.History.Epochs.Count;
        if (epochs == 0)
        {
            if (!quiet) output.WriteLine("Fix trials skipped: the diagnosed run completed no epoch to compare with.");
            return diagnosis;
        }
        var baseline = FixTrialRunner.Evaluate(result.Model, session.X!, session.Y!, baselineFit);
        // a trial may take up to twice as long as the diagnosed training, at least 10 s
        var budget = TimeSpan.FromSeconds(Math.Max(10, 2 * runSeconds));
        var tried = new HashSet<string>(StringComparer.Ordinal);
        var plan = new List<(int At, Finding Finding, int FixIndex, KerasFixResult Applied)>();
        for (int at = 0; at < diagnosis.Findings.Count && plan.Count < count; at++)
        {
            var finding = diagnosis.Findings[at];
            if (finding.Severity < Severity.Warning) continue;
            var evidence = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (name, value) in finding.Evidence)
                if (value.Number is double n) evidence[name] = n;
            for (int i = 0; i < finding.Fixes.Count && plan.Count < count; i++)
            {
                var fix = finding.Fixes[i];
                var applied = KerasFixApplier.Apply(fix.Action, evidence, session.Spec, fix.Keras, out _);
                if (applied is null || !tried.Add(applied.Description)) continue;
                plan.Add((at, finding, i, applied));
            }
        }
        if (plan.Count == 0)
        {
            if (!quiet) output.WriteLine("Fix trials: none of the fixes can be written into this model; nothing to try.");
            return diagnosis;
        }
        if (!quiet)
            output.WriteLine($"Trying {plan.Count} fix{(plan.Count == 1 ? "" : "es")} ({epochs} epoch{(epochs == 1 ? "" : "s")} each, same data and seed; "
                + $"measured on the {baseline.Data} samples):");
        foreach (var (at, finding, fixIndex, applied) in plan)
        {
            int notes = session.Notes.Count;
            FixTrial trial;
            try
            {
                var imported = session.Build(applied.Spec);
                var fit = session.Fit(imported, overrides, verbose: 0);
                imported.Model.Output = TextWriter.Null;
                trial = FixTrialRunner.Run(applied.Description, baseline, imported.Model, session.X!, session.Y!, fit, epochs, budget);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException or KerasImportException)
            {
                if (!quiet) output.WriteLine($"  {finding.Code} {finding.Fixes[fixIndex].Action}: not tried — the model with the fix could not be trained: {e.Message}");
                continue;
            }
            finally
            {
                session.Notes.RemoveRange(notes, session.Notes.Count - notes);   // the diagnosed run already noted these choices
            }
            // WithTrial keeps the order, so the finding (possibly already carrying an earlier trial) is still at its position
            diagnosis = diagnosis.WithTrial(diagnosis.Findings[at], fixIndex, trial);
            if (!quiet) output.WriteLine($"  {finding.Code} {finding.Fixes[fixIndex].Action}: {TrialText.Describe(trial)}");
        }
        if (!quiet) output.WriteLine();
        return diagnosis;
    }
}
