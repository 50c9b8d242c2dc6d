using System.Globalization;

namespace Convergent.Data;

/// <summary>
/// Reads IDX files, the format of the MNIST distribution (LeCun et al.): two zero bytes, a type code
/// (0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64), the number of dimensions, then
/// each dimension as a big-endian uint32 and the big-endian elements in C order. Images files have magic
/// 0x00000803 (3 dims), label files 0x00000801 (1 dim). Gzip-compressed files are recognised by their magic
/// bytes (1F 8B), whatever their name.
/// </summary>
public static class Idx
{
    /// <summary>Reads an IDX file (plain or gzip) into an array of its own element type and shape.</summary>
    public static NpyArray Read(string path)
    {
        using var s = StreamUtil.OpenMaybeGzip(path);
        return Read(s, path);
    }

    /// <summary>Reads IDX content from a stream; <paramref name="sourceName"/> names it in errors. A seekable stream
    /// may hold plain or gzip content; a non-seekable one is read as it is (decompress it first).</summary>
    public static NpyArray Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var s = stream.CanSeek ? StreamUtil.WrapMaybeGzip(stream) : stream;
        string file = sourceName;
        Span<byte> magic = stackalloc byte[4];
        int got = StreamUtil.ReadFully(s, magic);
        if (got < 4) throw new DataFormatException(file, $"file ends after {got} bytes, inside the 4-byte magic number", got, field: "magic");
        if (magic[0] != 0 || magic[1] != 0)
            throw new DataFormatException(file, $"not an IDX file: magic {Convert.ToHexString(magic)} must start with two zero bytes (0x000008nn)", 0, field: "magic");
        var (dtype, itemSize) = magic[2] switch
        {
            0x08 => (NpyDType.UInt8, 1),
            0x09 => (NpyDType.Int8, 1),
            0x0B => (NpyDType.Int16, 2),
            0x0C => (NpyDType.Int32, 4),
            0x0D => (NpyDType.Float32, 4),
            0x0E => (NpyDType.Float64, 8),
            _ => throw new DataFormatException(file,
                $"unknown IDX type code 0x{magic[2]:X2}; expected 0x08 (uint8), 0x09 (int8), 0x0B (int16), 0x0C (int32), 0x0D (float32) or 0x0E (float64)",
                2, field: "type"),
        };
        int rank = magic[3];
        if (rank == 0) throw new DataFormatException(file, "the header declares 0 dimensions", 3, field: "ndims");
        var dimBytes = new byte[rank * 4];
        got = StreamUtil.ReadFully(s, dimBytes);
        if (got < dimBytes.Length)
            throw new DataFormatException(file, $"file ends inside the {rank} dimension sizes (after {4 + got} bytes)", 4 + got, field: "dims");
        var dims = new long[rank];
        long count = 1;
        bool tooMany = false;
        for (int k = 0; k < rank; k++)
        {
            dims[k] = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(dimBytes.AsSpan(k * 4));
            // Dimensions are < 2^32; stop multiplying once past the array limit so the product cannot overflow.
            if (!tooMany) { count *= dims[k]; tooMany = count > Array.MaxLength; }
        }
        long dataStart = 4 + 4L * rank;
        string claim = Describe(dims);
        if (tooMany || count * itemSize > Array.MaxLength)
        {
            long holds = StreamUtil.Remaining(s) is long r ? r + dataStart : dataStart + StreamUtil.CountRest(s);
            throw new DataFormatException(file, $"header claims {claim} but the file holds {holds} bytes (and one array can hold at most {Array.MaxLength} bytes)", 4, field: "dims");
        }
        long bytes = count * itemSize;
        if (StreamUtil.Remaining(s) is long rem && rem < bytes)
            throw new DataFormatException(file, $"header claims {claim} ({bytes + dataStart} bytes with the header) but the file holds {rem + dataStart} bytes", 4, field: "dims");
        var raw = StreamUtil.ReadUpTo(s, bytes);
        if (raw.Length < bytes)
            throw new DataFormatException(file, $"header claims {claim} ({bytes + dataStart} bytes with the header) but the file holds {raw.Length + dataStart} bytes", 4, field: "dims");
        if (s.ReadByte() >= 0)
        {
            long extra = 1 + StreamUtil.CountRest(s);
            throw new DataFormatException(file, $"{extra} unexpected bytes follow the {claim}", dataStart + bytes, field: "data");
        }
        if (itemSize > 1) Npy.SwapBytes(raw, itemSize);
        Array data;
        if (dtype == NpyDType.UInt8) data = raw;
        else
        {
            data = NpyArray.Allocate(dtype, (int)count);
            raw.CopyTo(NpyArray.BytesOf(data));
        }
        return NpyArray.Wrap(data, dtype, dims.Select(d => (int)d).ToArray());
    }

    private static string Describe(long[] dims)
    {
        var inv = CultureInfo.InvariantCulture;
        return dims.Length switch
        {
            1 => string.Format(inv, "{0} labels", dims[0]),
            3 => string.Format(inv, "{0} images of {1}×{2}", dims[0], dims[1], dims[2]),
            _ => "shape (" + string.Join(", ", dims) + ")",
        };
    }
}
