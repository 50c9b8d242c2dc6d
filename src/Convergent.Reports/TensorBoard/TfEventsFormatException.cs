namespace Convergent.Reports.TensorBoard;

/// <summary>An events file (TFRecord framing or the Event messages in it) is corrupt or truncated; the message names
/// the file and the byte offset of the record at fault.</summary>
public sealed class TfEventsFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/> at byte <paramref name="offset"/>.</summary>
    public TfEventsFormatException(string path, long offset, string problem, Exception? inner = null)
        : base($"{path}: {problem} (record at byte offset {offset}).", inner)
    {
        Path = path;
        Offset = offset;
    }

    /// <summary>The file that failed to read.</summary>
    public string Path { get; }

    /// <summary>Byte offset of the start of the faulty record.</summary>
    public long Offset { get; }
}
