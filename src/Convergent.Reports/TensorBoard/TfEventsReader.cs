using Google.Protobuf;

namespace Convergent.Reports.TensorBoard;

/// <summary>
/// Reads TensorBoard events files back (for tests and tools): validates the TFRecord framing and both CRCs of every
/// record, decodes each Event, and checks that the file starts with a <c>brain.Event:</c> file-version header.
/// Any fault throws <see cref="TfEventsFormatException"/> naming the file and the byte offset of the bad record.
/// </summary>
public static class TfEventsReader
{
    /// <summary>The events of the file at <paramref name="path"/>, header first.</summary>
    public static IReadOnlyList<TfEvent> Read(string path)
    {
        var events = new List<TfEvent>();
        foreach (var (offset, data) in TfRecordReader.ReadAll(path))
        {
            TfEvent e;
            try { e = EventCodec.Decode(data); }
            catch (Exception ex) when (ex is InvalidProtocolBufferException or FormatException)
            {
                throw new TfEventsFormatException(path, offset, $"the record is not a valid Event message: {ex.Message}", ex);
            }
            if (events.Count == 0 && (e.FileVersion is null || !e.FileVersion.StartsWith("brain.Event:", StringComparison.Ordinal)))
                throw new TfEventsFormatException(path, offset, $"the first event is not a file-version header (file_version = {(e.FileVersion is null ? "absent" : $"'{e.FileVersion}'")})");
            events.Add(e);
        }
        if (events.Count == 0) throw new TfEventsFormatException(path, 0, "the file holds no records");
        return events;
    }

    /// <summary>The events files directly in <paramref name="directory"/> (names starting
    /// <c>events.out.tfevents.</c>), in name order.</summary>
    public static IReadOnlyList<string> EventFiles(string directory) =>
        Directory.Exists(directory)
            ? [.. Directory.GetFiles(directory, TfEventsWriter.FilePrefix + "*").Order(StringComparer.Ordinal)]
            : [];
}
