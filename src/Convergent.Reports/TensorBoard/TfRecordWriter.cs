using System.Buffers.Binary;

namespace Convergent.Reports.TensorBoard;

/// <summary>
/// Writes TFRecord framing to a stream: per record, the length as uint64 little-endian, the masked CRC-32C of those
/// 8 bytes, the data, and the masked CRC-32C of the data (tensorflow/core/lib/io/record_writer.h; TensorBoard's
/// tensorboard/summary/writer/record_writer.py).
/// </summary>
public sealed class TfRecordWriter
{
    private readonly Stream _output;

    /// <summary>Writes records to <paramref name="output"/>; the caller owns and disposes the stream.</summary>
    public TfRecordWriter(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!output.CanWrite) throw new ArgumentException("The stream is not writable.", nameof(output));
        _output = output;
    }

    /// <summary>Appends one record holding <paramref name="data"/>.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Crc32C.ComputeMasked(header[..8]));
        Span<byte> footer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, Crc32C.ComputeMasked(data));
        _output.Write(header);
        _output.Write(data);
        _output.Write(footer);
    }
}
