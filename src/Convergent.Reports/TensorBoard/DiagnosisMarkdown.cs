using System.Globalization;
using System.Text;
using Convergent.Diagnostics;

namespace Convergent.Reports.TensorBoard;

/// <summary>
/// The diagnosis as Markdown for TensorBoard's Text tab: the verdict, a table of the findings in the diagnosis's order
/// (most likely root cause first) with where they were detected, then each finding's explanation, evidence and fixes.
/// It restates what <see cref="Diagnosis"/> decided; it decides nothing.
/// </summary>
internal static class DiagnosisMarkdown
{
    public static string Render(RunRecord record, Diagnosis diagnosis)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"**Verdict: {diagnosis.Verdict.ToReportName()}**");
        if (record.Source is not null) md.Append(CultureInfo.InvariantCulture, $" — `{record.Source.Replace("`", "'", StringComparison.Ordinal)}`");
        md.Append("\n\n");
        if (diagnosis.Findings.Count == 0)
        {
            md.Append("No findings.\n");
            return md.ToString();
        }
        md.Append("| # | Code | Severity | Layer | Epoch | Step | Caused by | Finding |\n");
        md.Append("|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < diagnosis.Findings.Count; i++)
        {
            var f = diagnosis.Findings[i];
            md.Append(CultureInfo.InvariantCulture,
                $"| {i + 1} | {f.Code} | {Severity(f)} | {Cell(f.Layer)} | {Cell(f.Epoch?.ToString(CultureInfo.InvariantCulture))} | " +
                $"{Cell(f.Step?.ToString(CultureInfo.InvariantCulture))} | {Cell(f.CausedBy.Count == 0 ? null : string.Join(", ", f.CausedBy))} | {Cell(f.Title)} |\n");
        }
        for (int i = 0; i < diagnosis.Findings.Count; i++)
        {
            var f = diagnosis.Findings[i];
            md.Append(CultureInfo.InvariantCulture, $"\n### {i + 1}. {f.Code} ({Severity(f)})\n\n{f.Title}\n");
            if (f.Explanation.Length > 0) md.Append('\n').Append(f.Explanation).Append('\n');
            if (f.Evidence.Count > 0) md.Append(CultureInfo.InvariantCulture, $"\nEvidence: `{f.Evidence}`\n");
            if (f.Fixes.Count > 0)
            {
                md.Append("\nFixes:\n\n");
                for (int k = 0; k < f.Fixes.Count; k++)
                {
                    var fix = f.Fixes[k];
                    md.Append(CultureInfo.InvariantCulture, $"{k + 1}. {fix.Description}");
                    if (fix.Keras is not null) md.Append(CultureInfo.InvariantCulture, $" — `{fix.Keras.Replace("`", "'", StringComparison.Ordinal)}`");
                    md.Append('\n');
                }
            }
        }
        return md.ToString();
    }

    private static string Severity(Finding f) => f.Severity.ToString().ToLowerInvariant();

    // a table cell: '|' would end the cell and a newline the row
    private static string Cell(string? text) =>
        text is null ? "—" : text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
