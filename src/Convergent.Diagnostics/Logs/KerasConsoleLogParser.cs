using System.Globalization;
using System.Text.RegularExpressions;

namespace Convergent.Diagnostics.Logs;

/// <summary>
/// Reads Keras console output of any version:
/// <list type="bullet">
/// <item>Keras 0.x/1: <c>259s - loss: 10.4525 - acc: 0.4903 - val_loss: 11.4543 - val_acc: 0.4473</c></item>
/// <item>Keras 1/2: <c>44100/44100 [====] - 22s - loss: … - acc: …</c>, Keras 2 also <c>- 22s 500us/step - loss…</c></item>
/// <item>Keras 3: <c>1563/1563 ━━━━ 5s 3ms/step - accuracy: 0.3 - loss: 1.9 - val_accuracy…</c></item>
/// </list>
/// with <c>Epoch k/N</c> headers, progress-bar fragments joined by carriage returns or backspaces, ANSI colours,
/// and unrelated lines (warnings, framework logs), which are skipped. For each epoch the line that closes it is
/// used: the first with validation metrics, else the first finished one (no ETA, counter at its total). When the
/// epoch numbering restarts (a second <c>fit</c> in the same log), the last run is kept.
/// </summary>
public static partial class KerasConsoleLogParser
{
    [GeneratedRegex(@"^\s*Epoch\s+(\d+)\s*/\s*(\d+)\s*$")]
    private static partial Regex EpochHeader();

    [GeneratedRegex(@"(?:^|[\s\-])([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(nan|-?inf(?:inity)?|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)(?![\w.:/])", RegexOptions.IgnoreCase)]
    private static partial Regex MetricPair();

    [GeneratedRegex(@"^\s*(\d+)\s*/\s*(\d+)\b")]
    private static partial Regex Counter();

    [GeneratedRegex(@"(?:^|[\s\]━─=>.])(\d+(?:\.\d+)?)(ms|s|m|h)(?:\s+(\d+)s)?(?=\s|$)(?!\S*/(?:step|sample))")]
    private static partial Regex Duration();

    [GeneratedRegex(@"Train on (\d+) samples(?:,\s*validate on (\d+) samples)?")]
    private static partial Regex TrainOn();

    [GeneratedRegex(@"\x1B\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Ansi();

    [GeneratedRegex(@"[\r\b]+")]
    private static partial Regex FragmentBreak();

    private sealed record Fragment(string Text, int Line);

    private sealed class Block
    {
        public int Epoch, Total, HeaderLine;
        public List<(Fragment F, List<KeyValuePair<string, double>> Metrics, bool Final, bool HasVal)> Candidates { get; } = [];
    }

    public static RunRecord Parse(string text, string source)
    {
        var blocks = new List<Block>();
        Block? current = null;
        var headerless = new Block { Epoch = 0 };
        int? trainSamples = null, valSamples = null;
        bool earlyStopping = false;
        var physical = text.Split('\n');
        for (int li = 0; li < physical.Length; li++)
        {
            var clean = Ansi().Replace(physical[li], "");
            foreach (var piece in FragmentBreak().Split(clean))
            {
                var f = new Fragment(piece, li + 1);
                var t = piece.Trim();
                if (t.Length == 0) continue;
                var h = EpochHeader().Match(t);
                if (h.Success)
                {
                    int k = int.Parse(h.Groups[1].Value, CultureInfo.InvariantCulture);
                    if (current is not null && k <= current.Epoch) blocks.Clear();   // numbering restarted: keep the last run
                    current = new Block { Epoch = k, Total = int.Parse(h.Groups[2].Value, CultureInfo.InvariantCulture), HeaderLine = li + 1 };
                    blocks.Add(current);
                    continue;
                }
                var tr = TrainOn().Match(t);
                if (tr.Success)
                {
                    trainSamples = int.Parse(tr.Groups[1].Value, CultureInfo.InvariantCulture);
                    if (tr.Groups[2].Success) valSamples = int.Parse(tr.Groups[2].Value, CultureInfo.InvariantCulture);
                    continue;
                }
                if (t.Contains("early stopping", StringComparison.OrdinalIgnoreCase)) { earlyStopping = true; continue; }
                var metrics = ReadMetrics(t);
                if (!metrics.Exists(m => m.Key.EndsWith("loss", StringComparison.Ordinal))) continue;
                bool eta = t.Contains("ETA", StringComparison.Ordinal);
                var c = Counter().Match(t);
                bool atTotal = !c.Success || c.Groups[1].Value == c.Groups[2].Value;
                bool hasVal = metrics.Exists(m => m.Key.StartsWith("val_", StringComparison.Ordinal));
                if (Duration().Match(StripCounter(t)) is { Success: true } d && d.Index < t.IndexOf(':'))
                    metrics.Add(new(EpochTable.SecondsName, Seconds(d)));
                (current ?? headerless).Candidates.Add((f, metrics, !eta && atTotal, hasVal));
            }
        }

        var record = new RunRecord();
        if (blocks.Count == 0)
        {
            // no headers (e.g. Keras 0.x with verbose=2 pasted without them): every finished metric line is an epoch
            int e = 0;
            foreach (var cand in headerless.Candidates.Where(x => x.Final))
                record.Epochs.Add(++e, cand.Metrics);
            if (e == 0)
                throw new LogFormatException(source, FirstNonBlankLine(physical),
                    "not a Keras training log: found no 'Epoch k/N' header and no epoch line such as '- 22s - loss: 0.6931 - accuracy: 0.5000'.");
            record.Training.PlannedEpochs = e;
        }
        else
        {
            for (int b = 0; b < blocks.Count; b++)
            {
                var blk = blocks[b];
                var chosen = blk.Candidates.FirstOrDefault(x => x.HasVal);
                if (chosen.Metrics is null) chosen = blk.Candidates.FirstOrDefault(x => x.Final);
                if (chosen.Metrics is null)
                {
                    if (b == blocks.Count - 1) break;   // the log ends inside this epoch
                    throw new LogFormatException(source, blk.HeaderLine,
                        $"'Epoch {blk.Epoch}/{blk.Total}' has no finished epoch line (such as '- 22s - loss: … - val_loss: …') before the next 'Epoch' header at line {blocks[b + 1].HeaderLine}.");
                }
                record.Epochs.Add(blk.Epoch, chosen.Metrics);
            }
            if (record.Epochs.Count == 0)
                throw new LogFormatException(source, blocks[0].HeaderLine, $"'Epoch {blocks[0].Epoch}/{blocks[0].Total}' is never finished: no epoch line with '- loss: …' follows it.");
            record.Training.PlannedEpochs = blocks[^1].Total;
        }
        if (earlyStopping) record.Training.Stopped = StopReason.EarlyStopping;
        if (trainSamples is int ts) record.Data = new DataFacts { TrainSamples = ts, ValSamples = valSamples ?? 0 };
        return record;
    }

    private static List<KeyValuePair<string, double>> ReadMetrics(string t)
    {
        var list = new List<KeyValuePair<string, double>>();
        foreach (Match m in MetricPair().Matches(t))
        {
            string name = m.Groups[1].Value;
            if (name.Equals("ETA", StringComparison.OrdinalIgnoreCase)) continue;
            string v = m.Groups[2].Value.ToLowerInvariant();
            double value = v switch
            {
                "nan" => double.NaN,
                "inf" or "infinity" => double.PositiveInfinity,
                "-inf" or "-infinity" => double.NegativeInfinity,
                _ => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            list.RemoveAll(x => x.Key == name);
            list.Add(new(name, value));
        }
        return list;
    }

    private static string StripCounter(string t) => Counter().Replace(t, "");

    private static double Seconds(Match d)
    {
        double v = double.Parse(d.Groups[1].Value, CultureInfo.InvariantCulture);
        double s = d.Groups[2].Value switch { "ms" => v / 1000, "m" => v * 60, "h" => v * 3600, _ => v };
        if (d.Groups[3].Success) s += double.Parse(d.Groups[3].Value, CultureInfo.InvariantCulture);
        return s;
    }

    private static int FirstNonBlankLine(string[] lines)
    {
        for (int i = 0; i < lines.Length; i++) if (lines[i].Trim().Length > 0) return i + 1;
        return 1;
    }
}
