using System.Text;

namespace Convergent.Diagnostics.Logs;

/// <summary>
/// Reads a Keras training log — console output of any Keras version, a <c>CSVLogger</c> file, or a JSON history —
/// into a <see cref="RunRecord"/> with per-epoch metrics (1-based epochs, names normalized to Keras 3's:
/// <c>acc</c> → <c>accuracy</c>). Unreadable files raise <see cref="LogFormatException"/> naming the file and line.
/// </summary>
public static class KerasLog
{
    /// <summary>Reads the log at <paramref name="path"/>.</summary>
    public static RunRecord Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try { text = File.ReadAllText(path, Encoding.UTF8); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LogFormatException(path, 1, $"cannot read the file: {e.Message}");
        }
        return Parse(text, path);
    }

    /// <summary>Parses log <paramref name="text"/>; <paramref name="source"/> names it in errors and in the record.</summary>
    public static RunRecord Parse(string text, string source = "<log>")
    {
        ArgumentNullException.ThrowIfNull(text);
        var record = Detect(text) switch
        {
            LogFormat.Json => JsonHistoryParser.Parse(text, source),
            LogFormat.Csv => CsvLoggerParser.Parse(text, source),
            _ => KerasConsoleLogParser.Parse(text, source),
        };
        record.Source = source;
        FinishStopReason(record);
        return record;
    }

    /// <summary>Reads the log at <paramref name="path"/> and diagnoses it with the rules that work from curves alone
    /// (CLI <c>convergent logs</c>).</summary>
    public static (RunRecord Record, Diagnosis Diagnosis) Diagnose(string path)
    {
        var record = Read(path);
        return (record, RuleEngine.DiagnoseRecord(record));
    }

    /// <summary>Guesses the format from the content: a JSON object, a CSV header naming <c>epoch</c> or a loss, or console text.</summary>
    public static LogFormat Detect(string text)
    {
        var t = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (t.StartsWith('{')) return LogFormat.Json;
        int nl = t.IndexOf('\n');
        var first = (nl < 0 ? t : t[..nl]).Trim();
        bool delimited = first.Contains(',') || first.Contains(';') || first.Contains('\t');
        bool namesColumns = first.StartsWith("epoch", StringComparison.OrdinalIgnoreCase) || first.Contains("loss", StringComparison.Ordinal);
        if (delimited && namesColumns && !first.Contains(':') && !first.StartsWith("Epoch ", StringComparison.Ordinal)) return LogFormat.Csv;
        return LogFormat.Console;
    }

    private static void FinishStopReason(RunRecord r)
    {
        var loss = r.Epochs.Loss;
        if (loss.Length > 0 && !double.IsFinite(loss[^1])) r.Training.Stopped = StopReason.Nan;
    }
}
