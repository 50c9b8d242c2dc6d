using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Convergent.Diagnostics;

namespace Convergent.Reports.Html;

/// <summary>
/// The data of the HTML report as one JSON document (schema <c>convergent.html/1</c>), which the embedded renderer
/// draws: the run's summary, the charts grouped in sections (line charts over epochs and steps, per-layer heatmaps,
/// confusion matrix, conv filters, decision boundary) and the findings, each placed on a chart at its step or epoch
/// (<see cref="FindingPlacement"/>). Everything comes from the <see cref="RunRecord"/> and the <see cref="Diagnosis"/>;
/// the only choices made here are presentational: scales (<see cref="ColorScale"/>), bins over steps
/// (<see cref="StepBins"/>). Values are written as 32-bit floats (shortest round trip), NaN/±Inf as <c>null</c>.
/// </summary>
public static partial class ReportPayload
{
    /// <summary>The schema identifier written in every payload.</summary>
    public const string Schema = "convergent.html/1";

    /// <summary>Most columns of a heatmap over steps.</summary>
    public const int MaxHeatmapColumns = 300;

    /// <summary>Most points of a line over steps.</summary>
    public const int MaxLinePoints = 1000;

    /// <summary>Escapes every character that could end a script element or an attribute (&lt; &gt; &amp; ' " +) as
    /// <c>\uXXXX</c>, keeping other non-ASCII text readable.</summary>
    internal static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    /// <summary>The payload as JSON text, safe to embed in a <c>&lt;script type="application/json"&gt;</c> element.</summary>
    public static string ToJson(RunRecord record, Diagnosis diagnosis)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(diagnosis);
        var sections = Sections(record);
        var available = sections.SelectMany(s => s.Charts).Select(c => c.Id).Append(ChartIds.Model).ToHashSet(StringComparer.Ordinal);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = Encoder }))
        {
            w.WriteStartObject();
            w.WriteString("schema", Schema);
            w.WriteStartObject("tool");
            w.WriteString("name", ReportWriter.ToolName);
            w.WriteString("version", ReportWriter.ToolVersion);
            w.WriteEndObject();
            WriteRun(w, record, diagnosis);
            w.WriteStartArray("sections");
            foreach (var s in sections) s.Write(w);
            w.WriteEndArray();
            w.WriteStartArray("findings");
            for (int i = 0; i < diagnosis.Findings.Count; i++) WriteFinding(w, diagnosis.Findings[i], i + 1, FindingPlacement.Place(diagnosis.Findings[i], record, available));
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>The report's sections in reading order; empty charts are left out.</summary>
    private static List<Section> Sections(RunRecord r)
    {
        var list = new List<Section>
        {
            new("section-curves", "Training curves",
                "Loss and metrics per epoch (training and validation), the loss of every mini-batch, the learning rate and the output layer's confidence.",
                [.. CurveCharts(r)]),
            new("section-layers", "Inside the layers",
                "Per-layer statistics over training steps, one row per layer (first layer at the top). Colour scales are logarithmic where the values span more than a decade.",
                [.. HeatmapCharts(r)]),
            new("section-learned", "What the model learned",
                "Pictures taken at the end of training (conv filters also at initialization and a few epochs between).",
                [.. SnapshotCharts(r)]),
            new("section-setup", "Model and data", "The model as built, the data as split for training, and the quick probes run before training.",
                [.. SetupPanels(r)]),
        };
        list.RemoveAll(s => s.Charts.Count == 0);
        return list;
    }

    private static void WriteRun(Utf8JsonWriter w, RunRecord r, Diagnosis d)
    {
        var t = r.Training;
        w.WriteStartObject("run");
        String(w, "source", r.Model?.Source ?? r.Source);
        String(w, "model_name", r.Model?.Name);
        Int(w, "params", r.Model?.Params);
        String(w, "optimizer", t.Optimizer);
        Number(w, "learning_rate", t.LearningRate);
        String(w, "loss", t.Loss);
        Int(w, "batch_size", t.BatchSize);
        Int(w, "seed", t.Seed);
        Int(w, "planned_epochs", t.PlannedEpochs);
        w.WriteNumber("epochs_run", r.Epochs.Count);
        w.WriteNumber("steps_run", r.Steps.Total);
        w.WriteString("stopped", ReportWriter.StopName(t.Stopped));
        Int(w, "train_samples", r.Data?.TrainSamples);
        Int(w, "val_samples", r.Data?.ValSamples);
        // the first step of each epoch, for the epoch lines of the charts over steps
        w.WriteStartArray("epoch_starts");
        int lastEpoch = -1;
        foreach (var p in r.Steps.Loss)
        {
            if (r.Steps.EpochOf(p.Step) is not int e || e == lastEpoch) continue;
            lastEpoch = e;
            w.WriteStartArray();
            w.WriteNumberValue(e);
            w.WriteNumberValue(p.Step);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteString("verdict", d.Verdict.ToReportName());
        w.WriteNumber("errors", d.Findings.Count(f => f.Severity == Severity.Error));
        w.WriteNumber("warnings", d.Findings.Count(f => f.Severity == Severity.Warning));
        w.WriteNumber("infos", d.Findings.Count(f => f.Severity == Severity.Info));
        w.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter w, Finding f, int rank, Placement p)
    {
        w.WriteStartObject();
        w.WriteString("id", $"finding-{rank}");
        w.WriteNumber("rank", rank);
        w.WriteString("code", f.Code);
        w.WriteString("severity", f.Severity.ToString().ToLowerInvariant());
        w.WriteString("title", f.Title);
        String(w, "layer", f.Layer);
        Int(w, "epoch", f.Epoch);
        if (f.Step is long s) w.WriteNumber("step", s); else w.WriteNull("step");
        w.WriteStartArray("evidence");
        foreach (var (name, value) in f.Evidence)
        {
            w.WriteStartArray();
            w.WriteStringValue(name);
            w.WriteStringValue(value.ToString());
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteString("explanation", f.Explanation);
        w.WriteStartArray("caused_by");
        foreach (var c in f.CausedBy) w.WriteStringValue(c);
        w.WriteEndArray();
        w.WriteStartArray("fixes");
        foreach (var fix in f.Fixes)
        {
            w.WriteStartObject();
            w.WriteString("action", fix.Action);
            w.WriteString("description", fix.Description);
            String(w, "keras", fix.Keras);
            if (fix.Trial is FixTrial t)
            {
                // a fix proven by a short trial (doctor --trial-fixes N): its outcome and the one-line account
                w.WriteStartObject("trial");
                w.WriteString("outcome", JsonNamingPolicy.SnakeCaseLower.ConvertName(t.Outcome.ToString()));
                w.WriteString("text", TrialText.Describe(t));
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("confidence", Math.Round(f.Confidence, 3));
        w.WriteString("chart", p.ChartId);
        Number(w, "at", p.At);
        Number(w, "until", p.Until);
        String(w, "row", p.Row);
        w.WriteEndObject();
    }

    // ------------------------------------------------------------------ the section/chart model

    /// <summary>A titled group of charts.</summary>
    private sealed record Section(string Id, string Title, string Intro, List<Chart> Charts)
    {
        public void Write(Utf8JsonWriter w)
        {
            w.WriteStartObject();
            w.WriteString("id", Id);
            w.WriteString("title", Title);
            w.WriteString("intro", Intro);
            w.WriteStartArray("charts");
            foreach (var c in Charts) c.Write(w);
            w.WriteEndArray();
            w.WriteEndObject();
        }
    }

    /// <summary>One chart or panel: its id (the findings' link target), kind (<c>line</c>, <c>heatmap</c>,
    /// <c>confusion</c>, <c>filters</c>, <c>boundary</c>, <c>model</c>, <c>data</c>, <c>probes</c>), title, a sentence
    /// saying how to read it, and its kind's own fields.</summary>
    private sealed record Chart(string Id, string Kind, string Title, string Description, Action<Utf8JsonWriter> Body)
    {
        public void Write(Utf8JsonWriter w)
        {
            w.WriteStartObject();
            w.WriteString("id", Id);
            w.WriteString("kind", Kind);
            w.WriteString("title", Title);
            w.WriteString("description", Description);
            Body(w);
            w.WriteEndObject();
        }
    }

    // ------------------------------------------------------------------ number helpers

    /// <summary>A value as a 32-bit float (the precision charts need; the shortest text that round-trips), or null when
    /// not finite.</summary>
    internal static void Value(Utf8JsonWriter w, double v)
    {
        if (double.IsFinite(v) && float.IsFinite((float)v)) w.WriteNumberValue((float)v); else w.WriteNullValue();
    }

    private static void Values(Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) Value(w, v);
        w.WriteEndArray();
    }

    private static void Longs(Utf8JsonWriter w, string name, IEnumerable<long> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteNumberValue(v);
        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, string name, double? v)
    {
        w.WritePropertyName(name);
        if (v is double d) Value(w, d); else w.WriteNullValue();
    }

    private static void Int(Utf8JsonWriter w, string name, long? v)
    {
        if (v is long i) w.WriteNumber(name, i); else w.WriteNull(name);
    }

    private static void String(Utf8JsonWriter w, string name, string? v)
    {
        if (v is null) w.WriteNull(name); else w.WriteString(name, v);
    }

    private static void Scale(Utf8JsonWriter w, string name, ColorScale s)
    {
        w.WriteStartObject(name);
        w.WriteString("kind", s.KindName);
        Value(w.WithName("min"), s.Min);
        Value(w.WithName("max"), s.Max);
        w.WriteEndObject();
    }

    private static Utf8JsonWriter WithName(this Utf8JsonWriter w, string name)
    {
        w.WritePropertyName(name);
        return w;
    }
}
