using System.Globalization;
using System.Text;
using Convergent.Tensors;

namespace Convergent.Data;

/// <summary>
/// A table read from a CSV file: numeric features <see cref="X"/> (N, F) and one target column <see cref="Y"/> (N,),
/// either numbers (regression, or labels already encoded) or class names mapped to labels 0…C−1
/// (<see cref="ClassNames"/>). Quoted fields (RFC 4180, <c>""</c> for a quote) and gzip files (by magic bytes) are read.
/// </summary>
public sealed class CsvDataset
{
    private CsvDataset(Tensor x, Tensor y, IReadOnlyList<string> featureNames, string targetName, IReadOnlyList<string>? classNames)
    {
        X = x;
        Y = y;
        FeatureNames = featureNames;
        TargetName = targetName;
        ClassNames = classNames;
    }

    /// <summary>Features, float32 (N, F).</summary>
    public Tensor X { get; }

    /// <summary>Targets, float32 (N,).</summary>
    public Tensor Y { get; }

    /// <summary>Feature column names (from the header, else <c>column_1</c>, <c>column_2</c>, … by 1-based position).</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Target column name.</summary>
    public string TargetName { get; }

    /// <summary>Class names indexed by label: from a categorical target, or from a scikit-learn count line; null for
    /// numeric targets without such a line.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>The table as a <see cref="Dataset"/> with everything in the train split.</summary>
    public Dataset ToDataset(string name, string description) => new(name, X, Y, null, null, ClassNames, description);

    /// <summary>Reads a CSV file (plain or gzip).</summary>
    public static CsvDataset Read(string path, CsvOptions? options = null)
    {
        using var s = StreamUtil.OpenMaybeGzip(path);
        return Read(s, path, options);
    }

    /// <summary>Reads CSV content from a stream (a seekable stream may be gzip); <paramref name="sourceName"/> names it in errors.</summary>
    public static CsvDataset Read(Stream stream, string sourceName, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new CsvOptions();
        var s = stream.CanSeek ? StreamUtil.WrapMaybeGzip(stream) : stream;
        string text;
        try
        {
            using var reader = new StreamReader(s, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
            text = reader.ReadToEnd();
        }
        catch (DecoderFallbackException e)
        {
            throw new DataFormatException(sourceName, "the file is not UTF-8 text", inner: e);
        }
        return Parse(text, sourceName, options);
    }

    private static CsvDataset Parse(string text, string file, CsvOptions o)
    {
        char delim = o.Delimiter ?? DetectDelimiter(text);
        var records = CsvRecords.Split(text, delim, file);
        if (records.Count == 0) throw new DataFormatException(file, "the file holds no rows", line: 1);

        string[]? header = null;
        IReadOnlyList<string>? metaClasses = null;
        int first = 0;
        var r0 = records[0];
        if (o.Header == CsvHeaderMode.Present) { header = r0.Fields; first = 1; }
        else if (o.Header == CsvHeaderMode.Auto)
        {
            if (IsCountLine(records, out var classes)) { metaClasses = classes; first = 1; }
            else if (r0.Fields.All(f => !IsMissing(f) && !TryNumber(f, out _))) { header = r0.Fields; first = 1; }
        }
        if (first >= records.Count) throw new DataFormatException(file, "the file holds a header but no data rows", line: r0.Line);
        int cols = header?.Length ?? records[first].Fields.Length;
        for (int i = first; i < records.Count; i++)
            if (records[i].Fields.Length != cols)
                throw new DataFormatException(file,
                    $"expected {cols} fields (as in {(header is not null ? "the header" : $"line {records[first].Line}")}) but found {records[i].Fields.Length}; delimiter '{Escape(delim)}'",
                    line: records[i].Line);
        if (cols < 2) throw new DataFormatException(file, $"only one column (delimiter '{Escape(delim)}'): need at least one feature and a target", line: records[first].Line);

        int target = ResolveTarget(o, header, cols);
        string[] names = header ?? Enumerable.Range(1, cols).Select(c => $"column_{c}").ToArray();
        int n = records.Count - first, f = cols - 1;
        if ((long)n * f > Array.MaxLength) throw new DataFormatException(file, $"{n} rows × {f} features are more than one tensor can hold");
        var x = new float[n * f];
        var targets = new string[n];
        for (int i = 0; i < n; i++)
        {
            var rec = records[first + i];
            int k = 0;
            for (int c = 0; c < cols; c++)
            {
                string field = rec.Fields[c];
                if (c == target) { targets[i] = field; continue; }
                if (IsMissing(field))
                {
                    if (o.MissingValues == MissingValuePolicy.Error)
                        throw new DataFormatException(file,
                            $"missing value in column '{names[c]}' ('{field}'); set CsvOptions.MissingValues = MissingValuePolicy.FillNaN to read it as NaN",
                            line: rec.Line, column: c + 1, field: names[c]);
                    x[i * f + k++] = float.NaN;
                }
                else if (TryNumber(field, out double v)) x[i * f + k++] = (float)v;
                else throw new DataFormatException(file, $"'{Shorten(field)}' in feature column '{names[c]}' is not a number; feature columns must be numeric",
                    line: rec.Line, column: c + 1, field: names[c]);
            }
        }
        for (int i = 0; i < n; i++)
            if (IsMissing(targets[i]))
                throw new DataFormatException(file, $"missing target value in column '{names[target]}'", line: records[first + i].Line, column: target + 1, field: names[target]);

        var (y, classNames) = EncodeTarget(targets, o, metaClasses, file, records, first, target, names[target]);
        var featureNames = names.Where((_, c) => c != target).ToArray();
        return new CsvDataset(Tensor.FromArray(x, n, f), Tensor.FromArray(y, n), featureNames, names[target], classNames);
    }

    private static (float[] Y, IReadOnlyList<string>? Classes) EncodeTarget(string[] targets, CsvOptions o, IReadOnlyList<string>? metaClasses,
        string file, List<CsvRecords.Record> records, int first, int target, string targetName)
    {
        int n = targets.Length;
        var numbers = new double[n];
        int firstNonNumeric = -1;
        for (int i = 0; i < n; i++)
            if (!TryNumber(targets[i], out numbers[i]) && firstNonNumeric < 0) firstNonNumeric = i;
        bool numeric = o.TargetType switch
        {
            CsvTargetType.Numeric => firstNonNumeric < 0
                ? true
                : throw new DataFormatException(file, $"target '{Shorten(targets[firstNonNumeric])}' is not a number (TargetType is Numeric)",
                    line: records[first + firstNonNumeric].Line, column: target + 1, field: targetName),
            CsvTargetType.Categorical => false,
            _ => firstNonNumeric < 0,
        };
        if (numeric)
        {
            var y = numbers.Select(v => (float)v).ToArray();
            if (metaClasses is { Count: > 0 })
                for (int i = 0; i < n; i++)
                    if (numbers[i] < 0 || numbers[i] >= metaClasses.Count || numbers[i] != Math.Floor(numbers[i]))
                        throw new DataFormatException(file, $"label {targets[i]} is not one of the {metaClasses.Count} classes named in the count line",
                            line: records[first + i].Line, column: target + 1, field: targetName);
            return (y, metaClasses is { Count: > 0 } ? metaClasses : null);
        }
        IEnumerable<string> distinct = targets.Distinct(StringComparer.Ordinal);
        if (o.ClassOrder == ClassOrder.Sorted)
            distinct = firstNonNumeric < 0
                ? distinct.OrderBy(t => double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture))
                : distinct.Order(StringComparer.Ordinal);
        var classes = distinct.ToArray();
        var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => (float)p.i, StringComparer.Ordinal);
        return (targets.Select(t => index[t]).ToArray(), classes);
    }

    private static int ResolveTarget(CsvOptions o, string[]? header, int cols)
    {
        if (o.TargetName is { } name)
        {
            if (header is null) throw new ArgumentException($"TargetName '{name}' needs a header line, and this file has none; use TargetIndex.", nameof(o));
            int idx = Array.IndexOf(header, name);
            if (idx < 0) throw new ArgumentException($"No column named '{name}'. Columns: {string.Join(", ", header)}", nameof(o));
            return idx;
        }
        int t = o.TargetIndex < 0 ? cols + o.TargetIndex : o.TargetIndex;
        if (t < 0 || t >= cols) throw new ArgumentOutOfRangeException(nameof(o), $"TargetIndex {o.TargetIndex} is outside the {cols} columns.");
        return t;
    }

    /// <summary>scikit-learn's bundled CSVs start with "n_samples,n_features,class names…"; the row and feature
    /// counts must agree with the file for the line to be taken as such.</summary>
    private static bool IsCountLine(List<CsvRecords.Record> records, out IReadOnlyList<string> classes)
    {
        classes = [];
        var f = records[0].Fields;
        if (f.Length < 2 || records.Count < 2) return false;
        if (!int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out int rows)) return false;
        if (!int.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out int features)) return false;
        if (rows != records.Count - 1 || features != records[1].Fields.Length - 1) return false;
        if (f.Length == 2 && records[1].Fields.Length == 2) return false; // ambiguous with a two-column data row
        if (f[2..].Any(name => TryNumber(name, out _))) return false;    // class names are text
        classes = f[2..];
        return true;
    }

    private static char DetectDelimiter(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).Take(5).ToList();
        char best = ',';
        int bestCount = 1;
        foreach (char d in new[] { ',', ';', '\t' })
        {
            var counts = lines.Select(l => CsvRecords.CountFields(l, d)).ToList();
            // A delimiter must give the same field count on every sampled line (the first may be a count line).
            int c = counts.Count == 0 ? 1 : counts.Skip(counts.Count > 1 ? 1 : 0).Min();
            bool consistent = counts.Skip(counts.Count > 1 ? 1 : 0).All(x => x == c);
            if (consistent && c > bestCount) { best = d; bestCount = c; }
        }
        return best;
    }

    internal static bool IsMissing(string s)
    {
        var t = s.AsSpan().Trim();
        return t.Length == 0 || t is "NA" or "N/A" or "na" or "n/a" or "NaN" or "nan" or "null" or "NULL" or "?";
    }

    internal static bool TryNumber(string s, out double v) =>
        double.TryParse(s.AsSpan().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out v) && !double.IsNaN(v);

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..37] + "...";

    private static string Escape(char c) => c == '\t' ? "\\t" : c.ToString();
}
