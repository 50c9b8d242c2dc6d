using System.Globalization;
using System.Text;

namespace Convergent.Data;

/// <summary>
/// The one exception every Convergent.Data reader throws for malformed, truncated or unsupported input. It names the
/// file and, where known, the byte offset or the line and column, and the header field at fault, e.g.
/// <c>train-images-idx3-ubyte.gz: offset 4: header claims 1000000000000 images of 28×28 but the file holds 7840016 bytes</c>.
/// </summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the exception; the message is prefixed with the file and location.</summary>
    public DataFormatException(string file, string reason, long? offset = null, int? line = null, int? column = null,
        string? field = null, Exception? inner = null)
        : base(Compose(file, reason, offset, line, column, field), inner)
    {
        File = file;
        Reason = reason;
        Offset = offset;
        Line = line;
        Column = column;
        Field = field;
    }

    /// <summary>The file (or member of an archive, or a caller-given source name) that failed to parse.</summary>
    public string File { get; }

    /// <summary>What was wrong, without the location prefix.</summary>
    public string Reason { get; }

    /// <summary>Byte offset into the (decompressed) content where the problem was found, for binary formats.</summary>
    public long? Offset { get; }

    /// <summary>1-based line number, for text formats.</summary>
    public int? Line { get; }

    /// <summary>1-based column (field) number, for text formats.</summary>
    public int? Column { get; }

    /// <summary>The header field or chunk at fault (e.g. <c>descr</c>, <c>IHDR</c>), when there is one.</summary>
    public string? Field { get; }

    private static string Compose(string file, string reason, long? offset, int? line, int? column, string? field)
    {
        var sb = new StringBuilder(Path.GetFileName(file) is { Length: > 0 } name ? name : file);
        if (offset is long o) sb.Append(CultureInfo.InvariantCulture, $": offset {o}");
        if (line is int l) sb.Append(CultureInfo.InvariantCulture, $": line {l}");
        if (column is int c) sb.Append(CultureInfo.InvariantCulture, $", column {c}");
        if (field is not null) sb.Append(CultureInfo.InvariantCulture, $" ({field})");
        sb.Append(": ").Append(reason);
        return sb.ToString();
    }
}
