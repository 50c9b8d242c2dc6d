using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Convergent.Diagnostics;

namespace Convergent.Reports;

/// <summary>
/// Writes the <c>convergent.report/1</c> JSON report (shared/specs/cli-and-report.md) of a run record and its
/// diagnosis. It serializes only — every judgement was made by the rules and <see cref="Diagnosis"/>.
/// NaN and ±Infinity are written as the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>; epochs are
/// 1-based; output shapes start with <c>null</c> for the batch axis; unknown values are <c>null</c>.
/// </summary>
public static class ReportWriter
{
    /// <summary>The schema identifier written in every report.</summary>
    public const string Schema = "convergent.report/1";

    /// <summary>The tool name written in every report.</summary>
    public const string ToolName = "convergent";

    /// <summary>This assembly's informational version without build metadata (e.g. <c>1.0.0</c>).</summary>
    public static string ToolVersion { get; } =
        (typeof(ReportWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>The report as indented JSON text.</summary>
    public static string ToJson(RunRecord record, Diagnosis diagnosis)
    {
        using var ms = new MemoryStream();
        Write(record, diagnosis, ms);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>Writes the report to <paramref name="path"/> atomically: a temporary file in the same folder, then a
    /// rename over the target, so readers never see a half-written report.</summary>
    public static void WriteFile(RunRecord record, Diagnosis diagnosis, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Write(record, diagnosis, fs);
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

    /// <summary>Writes the report as UTF-8 JSON to <paramref name="stream"/>.</summary>
    public static void Write(RunRecord record, Diagnosis diagnosis, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(diagnosis);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("schema", Schema);
        w.WriteStartObject("tool");
        w.WriteString("name", ToolName);
        w.WriteString("version", ToolVersion);
        w.WriteEndObject();
        WriteModel(w, record);
        WriteData(w, record.Data);
        WriteTraining(w, record);
        w.WriteStartArray("findings");
        foreach (var f in diagnosis.Findings) WriteFinding(w, f);
        w.WriteEndArray();
        w.WriteString("verdict", diagnosis.Verdict.ToReportName());
        w.WriteEndObject();
        w.Flush();
    }

    private static void WriteModel(Utf8JsonWriter w, RunRecord r)
    {
        var m = r.Model;
        w.WriteStartObject("model");
        WriteStringOrNull(w, "source", m?.Source ?? r.Source);
        w.WriteStartArray("layers");
        foreach (var l in m?.Layers ?? [])
        {
            w.WriteStartObject();
            w.WriteString("name", l.Name);
            w.WriteString("type", l.ClassName);
            w.WriteStartArray("output_shape");
            w.WriteNullValue();
            foreach (var d in l.OutputShape ?? []) w.WriteNumberValue(d);
            w.WriteEndArray();
            w.WriteNumber("params", l.Params);
            if (l.Activation is { } a) w.WriteString("activation", ActivationName(a));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (m is null) w.WriteNull("params"); else w.WriteNumber("params", m.Params);
        w.WriteEndObject();
    }

    private static void WriteData(Utf8JsonWriter w, DataFacts? d)
    {
        w.WriteStartObject("data");
        WriteIntOrNull(w, "train_samples", d?.TrainSamples);
        WriteIntOrNull(w, "val_samples", d?.ValSamples);
        w.WriteStartArray("input_shape");
        foreach (var x in d?.InputShape ?? []) w.WriteNumberValue(x);
        w.WriteEndArray();
        WriteIntOrNull(w, "classes", d is { Classes: > 0 } ? d.Classes : null);
        w.WriteStartArray("class_shares");
        foreach (var s in d?.ClassShares ?? []) WriteNumberValue(w, s);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTraining(Utf8JsonWriter w, RunRecord r)
    {
        var t = r.Training;
        w.WriteStartObject("training");
        WriteStringOrNull(w, "optimizer", t.Optimizer);
        WriteNumberOrNull(w, "learning_rate", t.LearningRate);
        WriteStringOrNull(w, "loss", t.Loss);
        WriteIntOrNull(w, "batch_size", t.BatchSize);
        WriteIntOrNull(w, "seed", t.Seed);
        w.WriteStartArray("epochs");
        var e = r.Epochs;
        string[] standard = [EpochTable.LossName, EpochTable.AccuracyName, EpochTable.ValLossName, EpochTable.ValAccuracyName, EpochTable.LrName, EpochTable.SecondsName];
        for (int i = 0; i < e.Count; i++)
        {
            w.WriteStartObject();
            w.WriteNumber("epoch", e.Numbers[i]);
            foreach (var name in standard)
            {
                var col = e.Column(name);
                if (col is null) w.WriteNull(name); else WriteNumber(w, name, col[i]);
            }
            foreach (var name in e.Names)
            {
                if (standard.Contains(name)) continue;
                double v = e.Column(name)![i];
                if (!double.IsNaN(v)) WriteNumber(w, name, v);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("stopped", StopName(t.Stopped));
        w.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter w, Finding f)
    {
        w.WriteStartObject();
        w.WriteString("code", f.Code);
        w.WriteString("severity", f.Severity.ToString().ToLowerInvariant());
        w.WriteString("title", f.Title);
        WriteStringOrNull(w, "layer", f.Layer);
        WriteIntOrNull(w, "epoch", f.Epoch);
        if (f.Step is long s) w.WriteNumber("step", s); else w.WriteNull("step");
        w.WriteStartObject("evidence");
        foreach (var (name, v) in f.Evidence)
        {
            if (v.Number is double d) WriteNumber(w, name, d);
            else if (v.Numbers is { } list)
            {
                w.WriteStartArray(name);
                foreach (var x in list) WriteNumberValue(w, x);
                w.WriteEndArray();
            }
            else w.WriteString(name, v.Text);
        }
        w.WriteEndObject();
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
            WriteStringOrNull(w, "keras", fix.Keras);
            if (fix.Trial is FixTrial t) WriteTrial(w, t);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteNumber(w, "confidence", f.Confidence);
        w.WriteEndObject();
    }

    /// <summary>A fix's trial (an extension of convergent.report/1): what changed, where both models were measured, the
    /// epochs, loss and first metric before and after, and the outcome.</summary>
    private static void WriteTrial(Utf8JsonWriter w, FixTrial t)
    {
        w.WriteStartObject("trial");
        w.WriteString("change", t.Change);
        w.WriteString("measured_on", t.Data);
        w.WriteNumber("epochs", t.Epochs);
        WriteNumber(w, "loss_before", t.LossBefore);
        WriteNumber(w, "loss_after", t.LossAfter);
        WriteStringOrNull(w, "metric", t.Metric);
        WriteNumberOrNull(w, "metric_before", t.MetricBefore);
        WriteNumberOrNull(w, "metric_after", t.MetricAfter);
        w.WriteString("outcome", t.Outcome switch
        {
            TrialOutcome.Improved => "improved",
            TrialOutcome.Worse => "worse",
            TrialOutcome.NoClearChange => "no_clear_change",
            _ => "inconclusive",
        });
        WriteNumber(w, "seconds", t.Seconds);
        w.WriteEndObject();
    }

    /// <summary>The report spelling of a stop reason: <c>completed</c>, <c>nan</c>, <c>time_budget</c>, <c>early_stopping</c>.</summary>
    public static string StopName(StopReason s) => s switch
    {
        StopReason.Completed => "completed",
        StopReason.Nan => "nan",
        StopReason.TimeBudget => "time_budget",
        StopReason.EarlyStopping => "early_stopping",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    private static string ActivationName(Convergent.Nn.ActivationKind k) => k switch
    {
        Convergent.Nn.ActivationKind.LeakyRelu => "leaky_relu",
        Convergent.Nn.ActivationKind.HardSigmoid => "hard_sigmoid",
        _ => k.ToString().ToLowerInvariant(),
    };

    private static void WriteNumber(Utf8JsonWriter w, string name, double v)
    {
        w.WritePropertyName(name);
        WriteNumberValue(w, v);
    }

    private static void WriteNumberValue(Utf8JsonWriter w, double v)
    {
        if (double.IsNaN(v)) w.WriteStringValue("NaN");
        else if (double.IsPositiveInfinity(v)) w.WriteStringValue("Infinity");
        else if (double.IsNegativeInfinity(v)) w.WriteStringValue("-Infinity");
        else w.WriteNumberValue(v);
    }

    private static void WriteNumberOrNull(Utf8JsonWriter w, string name, double? v)
    {
        if (v is double d) WriteNumber(w, name, d); else w.WriteNull(name);
    }

    private static void WriteIntOrNull(Utf8JsonWriter w, string name, int? v)
    {
        if (v is int i) w.WriteNumber(name, i); else w.WriteNull(name);
    }

    private static void WriteStringOrNull(Utf8JsonWriter w, string name, string? v)
    {
        if (v is null) w.WriteNull(name); else w.WriteString(name, v);
    }
}
