using System.Buffers.Binary;

namespace Convergent.Reports.TensorBoard;

/// <summary>
/// Reads TFRecord framing (see <see cref="TfRecordWriter"/>) and checks both CRCs of every record; a truncated or
/// corrupted record throws <see cref="TfEventsFormatException"/> naming the file and the record's byte offset.
/// </summary>
public static class TfRecordReader
{
    // A record longer than this is taken for a corrupt length field rather than an allocation to attempt: summaries
    // of a doctor run are kilobytes, and TensorFlow's own readers cap a record well below 2 GiB too.
    private const ulong MaxRecordLength = 1 << 30;

    /// <summary>The records of the file at <paramref name="path"/>, in order, each with its byte offset.</summary>
    public static IReadOnlyList<(long Offset, byte[] Data)> ReadAll(string path)
    {
        using var stream = File.OpenRead(path);
        return ReadAll(stream, path);
    }

    /// <summary>The records of <paramref name="stream"/> (read to its end); <paramref name="name"/> names it in errors.</summary>
    public static IReadOnlyList<(long Offset, byte[] Data)> ReadAll(Stream stream, string name)
    {
        var records = new List<(long, byte[])>();
        Span<byte> header = stackalloc byte[12];
        Span<byte> footer = stackalloc byte[4];
        long offset = 0;
        while (true)
        {
            int got = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            if (got == 0) break;
            if (got < header.Length)
                throw new TfEventsFormatException(name, offset, $"truncated record header: {got} of 12 bytes");
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(header);
            uint lengthCrc = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
            if (Crc32C.ComputeMasked(header[..8]) != lengthCrc)
                throw new TfEventsFormatException(name, offset, $"length CRC mismatch (stored 0x{lengthCrc:X8}, computed 0x{Crc32C.ComputeMasked(header[..8]):X8})");
            if (length > MaxRecordLength)
                throw new TfEventsFormatException(name, offset, $"record length {length} is implausible");
            var data = new byte[(int)length];
            got = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
            if (got < data.Length)
                throw new TfEventsFormatException(name, offset, $"truncated record data: {got} of {length} bytes");
            got = stream.ReadAtLeast(footer, footer.Length, throwOnEndOfStream: false);
            if (got < footer.Length)
                throw new TfEventsFormatException(name, offset, $"truncated record: {got} of 4 data-CRC bytes");
            uint dataCrc = BinaryPrimitives.ReadUInt32LittleEndian(footer);
            uint computed = Crc32C.ComputeMasked(data);
            if (computed != dataCrc)
                throw new TfEventsFormatException(name, offset, $"data CRC mismatch (stored 0x{dataCrc:X8}, computed 0x{computed:X8})");
            records.Add((offset, data));
            offset += 12 + (long)length + 4;
        }
        return records;
    }
}
