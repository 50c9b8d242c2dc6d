using System.Buffers.Binary;

namespace Convergent.Store;

/// <summary>
/// The blob encoding of a <see cref="SeriesChunk"/>'s points: steps as unsigned LEB128 varints of the difference to
/// the previous step (the first to the chunk's <c>first_step</c>), so consecutive steps cost one byte; values as
/// little-endian IEEE doubles (8 bytes, exact: charts and rules may read what the probes measured).
/// </summary>
public static class SeriesCodec
{
    /// <summary>Encodes increasing <paramref name="steps"/> relative to <c>steps[0]</c>.</summary>
    public static byte[] EncodeSteps(ReadOnlySpan<long> steps)
    {
        var bytes = new List<byte>(steps.Length + 8);
        long previous = steps.Length > 0 ? steps[0] : 0;
        foreach (long s in steps)
        {
            if (s < previous) throw new ArgumentException($"Series steps must not decrease (got {s} after {previous}).", nameof(steps));
            ulong d = (ulong)(s - previous);
            while (d >= 0x80) { bytes.Add((byte)(d | 0x80)); d >>= 7; }
            bytes.Add((byte)d);
            previous = s;
        }
        return [.. bytes];
    }

    /// <summary>Decodes <paramref name="count"/> steps starting from <paramref name="firstStep"/>.</summary>
    public static long[] DecodeSteps(ReadOnlySpan<byte> bytes, long firstStep, int count)
    {
        var steps = new long[count];
        long previous = firstStep;
        int at = 0;
        for (int i = 0; i < count; i++)
        {
            ulong d = 0;
            int shift = 0;
            while (true)
            {
                if (at >= bytes.Length || shift > 63) throw new FormatException($"Corrupt series chunk: step {i} of {count} is cut short.");
                byte b = bytes[at++];
                d |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80) break;
                shift += 7;
            }
            previous += (long)d;
            steps[i] = previous;
        }
        return steps;
    }

    /// <summary>Encodes values as little-endian doubles.</summary>
    public static byte[] EncodeValues(ReadOnlySpan<double> values)
    {
        var bytes = new byte[values.Length * sizeof(double)];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
        return bytes;
    }

    /// <summary>Decodes little-endian doubles.</summary>
    public static double[] DecodeValues(ReadOnlySpan<byte> bytes, int count)
    {
        if (bytes.Length != count * sizeof(double))
            throw new FormatException($"Corrupt series chunk: {bytes.Length} value bytes for {count} points.");
        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * sizeof(double))..]);
        return values;
    }
}
