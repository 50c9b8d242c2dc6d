using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Convergent.Diagnostics;

namespace Convergent.Reports.Html;

/// <summary>
/// Writes the doctor's HTML report: one self-contained file that works offline. The data (<see cref="ReportPayload"/>)
/// sits in a <c>&lt;script type="application/json"&gt;</c> element, and a small renderer embedded beside it (this
/// assembly's <c>Html/Assets/report.js</c>, <c>charts.js</c> and <c>report.css</c>) draws every chart as SVG. A Content-Security-Policy
/// admits only those two embedded blocks (by their SHA-256) and no network at all, so the page can fetch nothing and run
/// nothing else — not even script text that slipped into a model or layer name, which is escaped anyway.
/// </summary>
public static partial class HtmlReportWriter
{
    // the renderer's two files (page, then charts) run as one strict-mode function; render() draws once both are read
    private static readonly Lazy<(string Template, string Style, string Script)> Assets = new(() =>
        (Asset("report.html"), Asset("report.css"),
         "(function () {\n'use strict';\n" + Asset("report.js") + "\n" + Asset("charts.js") + "\nrender();\n})();\n"));

    /// <summary>Writes the report of <paramref name="record"/> and <paramref name="diagnosis"/> to <paramref name="path"/>
    /// atomically: a temporary file in the same folder, then a rename over the target.</summary>
    public static void Write(RunRecord record, Diagnosis diagnosis, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var html = Render(record, diagnosis);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                fs.Write(new UTF8Encoding(false).GetBytes(html));
                fs.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(tmp); } catch (IOException) { }
            throw;
        }
    }

    /// <summary>The report as HTML text.</summary>
    public static string Render(RunRecord record, Diagnosis diagnosis)
    {
        var (template, style, script) = Assets.Value;
        string source = record.Model?.Source ?? record.Source ?? "run";
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["csp"] = $"default-src 'none'; script-src '{Sha256(script)}'; style-src '{Sha256(style)}'; img-src data:; base-uri 'none'; form-action 'none'",
            ["version"] = WebUtility.HtmlEncode(ReportWriter.ToolVersion),
            ["title"] = WebUtility.HtmlEncode($"Convergent doctor — {Path.GetFileName(source)} — {diagnosis.Verdict.ToReportName()}"),
            ["style"] = style,
            ["script"] = script,
            ["payload"] = ReportPayload.ToJson(record, diagnosis),
        };
        // one pass over the template: a value is never scanned for placeholders again
        return Placeholder().Replace(template, m => values[m.Groups[1].Value]);
    }

    /// <summary>The embedded payload of a rendered report (what the renderer parses), for tests and tools.</summary>
    public static string ExtractPayload(string html)
    {
        const string open = "<script type=\"application/json\" id=\"report-data\">";
        int start = html.IndexOf(open, StringComparison.Ordinal);
        if (start < 0) throw new FormatException("No report-data element in the HTML.");
        start += open.Length;
        int end = html.IndexOf("</script>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    private static string Sha256(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Asset(string name)
    {
        var asm = typeof(HtmlReportWriter).Assembly;
        using var s = asm.GetManifestResourceStream("Convergent.Reports.Html.Assets." + name)
            ?? throw new InvalidOperationException($"The embedded asset {name} is missing from {asm.GetName().Name}.");
        using var r = new StreamReader(s, Encoding.UTF8);
        return r.ReadToEnd();
    }

    [GeneratedRegex(@"\{\{(\w+)\}\}")]
    private static partial Regex Placeholder();
}
