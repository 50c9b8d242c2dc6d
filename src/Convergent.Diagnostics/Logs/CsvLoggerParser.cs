using System.Globalization;

namespace Convergent.Diagnostics.Logs;

/// <summary>
/// Reads a Keras <c>CSVLogger</c> file: a header (<c>epoch,acc,loss,val_acc,val_loss</c>; separator ',' ';' or tab)
/// and one row per epoch, epochs 0-based as Keras writes them. Values may be empty, <c>nan</c> or <c>inf</c>.
/// When the epoch column restarts (a file appended by a second run), the last run is kept.
/// </summary>
public static class CsvLoggerParser
{
    public static RunRecord Parse(string text, string source)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        int headerLine = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (headerLine < 0) throw new LogFormatException(source, 1, "the CSV file is empty; expected a CSVLogger header such as 'epoch,loss,val_loss'.");
        string header = lines[headerLine].Trim().TrimStart('\uFEFF');
        char sep = header.Contains(',') ? ',' : header.Contains(';') ? ';' : '\t';
        var names = header.Split(sep).Select(s => s.Trim()).ToArray();
        int epochCol = Array.FindIndex(names, n => n.Equals("epoch", StringComparison.OrdinalIgnoreCase));
        if (!names.Any(n => n.Contains("loss", StringComparison.Ordinal) || n.Contains("acc", StringComparison.Ordinal)))
            throw new LogFormatException(source, headerLine + 1, $"the CSV header '{header}' names no loss or accuracy column; expected a CSVLogger header such as 'epoch,loss,val_loss'.");

        var rows = new List<(int Epoch, KeyValuePair<string, double>[] Values)>();
        for (int i = headerLine + 1; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            var cells = line.Split(sep);
            if (cells.Length != names.Length)
                throw new LogFormatException(source, i + 1, $"row has {cells.Length} values but the header '{header}' has {names.Length} columns.");
            var values = new List<KeyValuePair<string, double>>();
            int epoch = rows.Count + 1;
            for (int c = 0; c < cells.Length; c++)
            {
                double v = ParseCell(cells[c].Trim(), source, i + 1, names[c]);
                if (c == epochCol)
                {
                    if (!double.IsFinite(v) || v != Math.Floor(v) || v < 0)
                        throw new LogFormatException(source, i + 1, $"epoch '{cells[c].Trim()}' is not a non-negative integer.");
                    epoch = (int)v + 1;   // CSVLogger writes 0-based epochs
                }
                else values.Add(new(names[c], v));
            }
            if (rows.Count > 0 && epoch <= rows[^1].Epoch) rows.Clear();   // a later run appended to the same file
            rows.Add((epoch, [.. values]));
        }
        if (rows.Count == 0) throw new LogFormatException(source, headerLine + 1, "the CSV file has a header but no epoch rows.");
        var record = new RunRecord();
        foreach (var (epoch, values) in rows) record.Epochs.Add(epoch, values);
        return record;
    }

    private static double ParseCell(string s, string source, int line, string column)
    {
        if (s.Length == 0) return double.NaN;
        switch (s.ToLowerInvariant())
        {
            case "nan": return double.NaN;
            case "inf" or "infinity": return double.PositiveInfinity;
            case "-inf" or "-infinity": return double.NegativeInfinity;
        }
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return v;
        throw new LogFormatException(source, line, $"column '{column}' holds '{s}', expected a number.");
    }
}
