using System.Text.Encodings.Web;
using System.Text.Json;
using Convergent.Diagnostics;

namespace Convergent.Store;

/// <summary>Turns the doctor's <see cref="Finding"/>s into <see cref="StoredFinding"/> rows, with evidence and fixes
/// as JSON in the shape of the report's (<c>convergent.report/1</c>): NaN and ±Infinity as strings.</summary>
public static class FindingRows
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The row of <paramref name="finding"/> at rank <paramref name="rank"/>.</summary>
    public static StoredFinding From(Finding finding, int rank, bool final) => new(finding.Code, finding.Severity.ToString().ToLowerInvariant(), finding.Title)
    {
        Rank = rank,
        Final = final,
        Layer = finding.Layer,
        Epoch = finding.Epoch,
        Step = finding.Step,
        EvidenceJson = Evidence(finding.Evidence),
        Explanation = finding.Explanation,
        FixesJson = Fixes(finding.Fixes),
        CausedBy = finding.CausedBy,
        Confidence = finding.Confidence,
    };

    /// <summary>The rows of a diagnosis, in its order (rank 0 = most likely root cause).</summary>
    public static IReadOnlyList<StoredFinding> From(Diagnosis diagnosis) => diagnosis.Findings.Select((f, i) => From(f, i, final: true)).ToList();

    private static string Evidence(Evidence evidence) => Write(w =>
    {
        w.WriteStartObject();
        foreach (var (name, v) in evidence)
        {
            if (v.Number is double d) { w.WritePropertyName(name); Number(w, d); }
            else if (v.Numbers is { } list)
            {
                w.WriteStartArray(name);
                foreach (var x in list) Number(w, x);
                w.WriteEndArray();
            }
            else w.WriteString(name, v.Text);
        }
        w.WriteEndObject();
    });

    private static string Fixes(IReadOnlyList<Fix> fixes) => Write(w =>
    {
        w.WriteStartArray();
        foreach (var fix in fixes)
        {
            w.WriteStartObject();
            w.WriteString("action", fix.Action);
            w.WriteString("description", fix.Description);
            if (fix.Keras is null) w.WriteNull("keras"); else w.WriteString("keras", fix.Keras);
            if (fix.Trial is { } t) Trial(w, t);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    // as the JSON report writes a trial (convergent.report/1's fixes[].trial)
    private static void Trial(Utf8JsonWriter w, FixTrial t)
    {
        w.WriteStartObject("trial");
        w.WriteString("change", t.Change);
        w.WriteString("measured_on", t.Data);
        w.WriteNumber("epochs", t.Epochs);
        w.WritePropertyName("loss_before"); Number(w, t.LossBefore);
        w.WritePropertyName("loss_after"); Number(w, t.LossAfter);
        if (t.Metric is null) w.WriteNull("metric"); else w.WriteString("metric", t.Metric);
        w.WritePropertyName("metric_before"); if (t.MetricBefore is double mb) Number(w, mb); else w.WriteNullValue();
        w.WritePropertyName("metric_after"); if (t.MetricAfter is double ma) Number(w, ma); else w.WriteNullValue();
        w.WriteString("outcome", t.Outcome switch
        {
            TrialOutcome.Improved => "improved",
            TrialOutcome.Worse => "worse",
            TrialOutcome.NoClearChange => "no_clear_change",
            _ => "inconclusive",
        });
        w.WritePropertyName("seconds"); Number(w, t.Seconds);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, double v)
    {
        if (double.IsFinite(v)) w.WriteNumberValue(v);
        else w.WriteStringValue(double.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, Options)) body(w);
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }
}
