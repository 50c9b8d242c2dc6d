using System.Text;
using Convergent.Diagnostics;

namespace Convergent.Reports;

/// <summary>
/// Plain-text views of a diagnosis for a terminal: <see cref="Render"/> prints the ranked findings with evidence,
/// causes and fixes (the Keras code to write); <see cref="FormatLive"/> gives the one line shown the moment a
/// finding is posted during training. Like every report, it decides nothing.
/// </summary>
public static class ConsoleReport
{
    /// <summary>Width text is wrapped to.</summary>
    public const int Width = 100;

    /// <summary>Writes the full ranked report.</summary>
    public static void Render(RunRecord record, Diagnosis diagnosis, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(diagnosis);
        ArgumentNullException.ThrowIfNull(output);
        var fs = diagnosis.Findings;
        int errors = fs.Count(f => f.Severity == Severity.Error), warnings = fs.Count(f => f.Severity == Severity.Warning), infos = fs.Count - errors - warnings;
        output.WriteLine($"Diagnosis: {diagnosis.Verdict.ToReportName()}" + (record.Source is null ? "" : $"  ({record.Source})"));
        if (record.Epochs.Count > 0) output.WriteLine("Training:  " + TrainingLine(record));
        output.WriteLine(fs.Count == 0
            ? "No findings: nothing wrong was detected."
            : $"{fs.Count} finding{(fs.Count == 1 ? "" : "s")}: {errors} error{(errors == 1 ? "" : "s")}, {warnings} warning{(warnings == 1 ? "" : "s")}, {infos} info — most likely root cause first.");
        for (int i = 0; i < fs.Count; i++)
        {
            output.WriteLine();
            RenderFinding(fs[i], i + 1, output);
        }
    }

    /// <summary>The full report as a string.</summary>
    public static string ToText(RunRecord record, Diagnosis diagnosis)
    {
        var sw = new StringWriter();
        Render(record, diagnosis, sw);
        return sw.ToString();
    }

    /// <summary>One line for a finding as it is posted: <c>! DEAD_RELU dense_1 (epoch 1, step 37): title</c>.</summary>
    public static string FormatLive(Finding f) => $"{Marker(f.Severity)} {f.Code} {Where(f)}: {f.Title}";

    private static void RenderFinding(Finding f, int rank, TextWriter o)
    {
        o.WriteLine($"{rank}. [{f.Severity.ToString().ToUpperInvariant()}] {f.Code}  {Where(f)}  (confidence {f.Confidence:0.00})");
        Wrap(o, f.Title, "   ");
        if (f.Evidence.Count > 0) Wrap(o, "Evidence: " + f.Evidence, "   ");
        if (f.CausedBy.Count > 0) o.WriteLine("   Caused by: " + string.Join(", ", f.CausedBy));
        if (f.Explanation.Length > 0) Wrap(o, "Why: " + f.Explanation, "   ");
        if (f.Fixes.Count > 0)
        {
            o.WriteLine("   Fixes, best first:");
            for (int i = 0; i < f.Fixes.Count; i++)
            {
                var fix = f.Fixes[i];
                Wrap(o, $"{(char)('a' + i)}) {fix.Description} [{fix.Action}]", "     ");
                if (fix.Keras is not null) o.WriteLine("        " + fix.Keras);
                if (fix.Trial is not null) Wrap(o, "Trial: " + TrialText.Describe(fix.Trial), "        ");
            }
        }
    }

    private static string Where(Finding f)
    {
        var parts = new List<string>();
        if (f.Layer is not null) parts.Add(f.Layer);
        if (f.Epoch is int e) parts.Add($"epoch {e}");
        if (f.Step is long s) parts.Add($"step {s}");
        if (parts.Count == 0) parts.Add(f.Phase == Phase.Before ? "before training" : "whole run");
        return string.Join(" · ", parts);
    }

    private static string Marker(Severity s) => s switch { Severity.Error => "✖", Severity.Warning => "!", _ => "i" };

    private static string TrainingLine(RunRecord r)
    {
        var e = r.Epochs;
        var sb = new StringBuilder($"{e.Count} epoch{(e.Count == 1 ? "" : "s")}");
        if (r.Training.PlannedEpochs is int p && p != e.Count) sb.Append($" of {p}");
        foreach (var name in new[] { EpochTable.LossName, EpochTable.AccuracyName, EpochTable.ValLossName, EpochTable.ValAccuracyName })
            if (e.Get(name, e.Count - 1) is double v) sb.Append($", final {name} {EvidenceValue.Format(v)}");
        sb.Append($", stopped: {ReportWriter.StopName(r.Training.Stopped)}");
        return sb.ToString();
    }

    private static void Wrap(TextWriter o, string text, string indent)
    {
        var line = new StringBuilder(indent);
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > indent.Length && line.Length + 1 + word.Length > Width)
            {
                o.WriteLine(line.ToString());
                line.Clear().Append(indent).Append("  ");
            }
            else if (line.Length > indent.Length && !line.ToString().EndsWith(' ')) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > indent.Length) o.WriteLine(line.ToString());
    }
}
