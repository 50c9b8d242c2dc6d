using System.Text;

namespace Convergent.Nn;

/// <summary>
/// Streams each epoch's logs to a CSV file in Keras's exact format (Keras <c>keras.callbacks.CSVLogger</c>).
/// </summary>
/// <remarks>
/// As Keras 3 writes it with Python's <c>csv</c> module (excel dialect): the header is <c>epoch</c> then the log keys
/// of the first epoch sorted by code point — and when none of them starts with <c>val_</c>, Keras appends
/// <c>val_</c> + each key, whose cells are then <c>NA</c>; rows hold the 0-based epoch and the values as Python's
/// <c>str(float)</c> (shortest round-trip digits: <c>0.1</c>, <c>1.0</c>, <c>1e-05</c>, <c>nan</c>); a key missing from a
/// later epoch is <c>NA</c>; lines end with <c>\r\n</c>; fields holding the separator, a quote or a line break are
/// quoted. Each row is flushed to disk as it is written, so the file is complete up to the last finished epoch.
/// With <c>append</c>, rows go after an existing file's, and the header is written only if that file is empty.
/// </remarks>
public sealed class CSVLogger : Callback
{
    private StreamWriter? _writer;
    private List<string>? _keys;
    private bool _writeHeader;

    /// <summary>Creates the callback (Keras defaults <c>separator=",", append=False</c>).</summary>
    public CSVLogger(string filename, string separator = ",", bool append = false)
    {
        if (string.IsNullOrWhiteSpace(filename)) throw new ArgumentException("Argument `filename` cannot be blank.", nameof(filename));
        if (string.IsNullOrEmpty(separator)) throw new ArgumentException("Argument `separator` cannot be empty.", nameof(separator));
        Filename = filename; Separator = separator; Append = append;
    }

    /// <summary>The file written.</summary>
    public string Filename { get; }
    /// <summary>The field separator.</summary>
    public string Separator { get; }
    /// <summary>Whether rows are added to an existing file.</summary>
    public bool Append { get; }

    public override void OnTrainBegin()
    {
        _writeHeader = true;
        if (Append && File.Exists(Filename))
        {
            using var reader = new StreamReader(Filename);
            _writeHeader = string.IsNullOrEmpty(reader.ReadLine());
        }
        _writer?.Dispose();
        var stream = new FileStream(Filename, Append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read);
        _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\r\n" };
        _keys = null;
    }

    public override void OnEpochEnd(int epoch, Logs logs)
    {
        if (_writer is null) OnTrainBegin();
        if (_keys is null)
        {
            _keys = logs.Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
            if (_keys.Count > 0 && !_keys.Any(k => k.StartsWith("val_", StringComparison.Ordinal)))
                _keys.AddRange(_keys.Select(k => "val_" + k).ToList());
            if (_writeHeader) WriteRow(["epoch", .. _keys]);
        }
        WriteRow([epoch.ToString(System.Globalization.CultureInfo.InvariantCulture),
            .. _keys.Select(k => logs[k] is double v ? PythonFormat.Repr(v) : "NA")]);
    }

    public override void OnTrainEnd(Logs logs)
    {
        _writer?.Dispose();
        _writer = null;
    }

    private void WriteRow(IEnumerable<string> fields)
    {
        _writer!.WriteLine(string.Join(Separator, fields.Select(Quote)));
        _writer.Flush();
    }

    /// <summary>csv.QUOTE_MINIMAL: quote a field that holds the separator, a quote or a line break; double its quotes.</summary>
    private string Quote(string field) =>
        field.Contains(Separator, StringComparison.Ordinal) || field.IndexOfAny(['"', '\r', '\n']) >= 0
            ? "\"" + field.Replace("\"", "\"\"") + "\""
            : field;
}
