using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Convergent.Data;

/// <summary>
/// Reads and writes numpy <c>.npy</c> files (format versions 1.0, 2.0 and 3.0 of numpy's NEP 1): a 6-byte magic
/// <c>\x93NUMPY</c>, a version, a little-endian header length (2 bytes in 1.0, 4 bytes in 2.0/3.0), a Python dict
/// literal header (Latin-1 in 1.0/2.0, UTF-8 in 3.0) and the raw elements. Little- and big-endian data and C and
/// Fortran order are read (Fortran order is converted to C order). Equivalent of <c>numpy.load</c>/<c>numpy.save</c>.
/// </summary>
public static class Npy
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    // numpy (>= 1.24) refuses headers above 10,000 bytes unless told otherwise; 1 MiB keeps a garbled length field
    // from costing memory while leaving room for any real header.
    private const int MaxHeaderBytes = 1 << 20;

    /// <summary>Reads a .npy file. Trailing bytes after the data are an error.</summary>
    public static NpyArray Read(string path)
    {
        using var fs = OpenFile(path);
        var array = ReadCore(fs, path, fs.Length);
        if (fs.Position != fs.Length)
            throw new DataFormatException(path, $"{fs.Length - fs.Position} unexpected bytes follow the array data", fs.Position);
        return array;
    }

    /// <summary>Reads one array from <paramref name="stream"/>, leaving it positioned after the data (so several
    /// arrays saved one after another into one stream can be read in turn). <paramref name="sourceName"/> names
    /// the input in errors.</summary>
    public static NpyArray Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadCore(stream, sourceName, StreamUtil.Remaining(stream));
    }

    /// <summary>Reads one array from a stream whose remaining length is <paramref name="available"/> when known.</summary>
    internal static NpyArray ReadCore(Stream s, string file, long? available)
    {
        Span<byte> pre = stackalloc byte[12];
        int got = StreamUtil.ReadFully(s, pre[..10]);
        if (got < 6 || !pre[..6].SequenceEqual(Magic))
        {
            if (got >= 6 || (got > 0 && !Magic[..got].SequenceEqual(pre[..got])))
                throw new DataFormatException(file, $"not a .npy file: the first bytes are {Hex(pre[..Math.Min(got, 6)])}, expected 93 4E 55 4D 50 59 (\\x93NUMPY)", 0, field: "magic");
            throw new DataFormatException(file, $"file ends after {got} bytes, inside the 6-byte magic", got, field: "magic");
        }
        if (got < 8) throw new DataFormatException(file, $"file ends after {got} bytes, inside the version field", got, field: "version");
        int major = pre[6], minor = pre[7];
        if (major is < 1 or > 3 || minor != 0)
            throw new DataFormatException(file, $"unsupported .npy format version {major}.{minor}; supported: 1.0, 2.0, 3.0", 6, field: "version");
        int lenBytes = major == 1 ? 2 : 4;
        if (lenBytes == 4) got += StreamUtil.ReadFully(s, pre[10..12]);
        if (got < 8 + lenBytes)
            throw new DataFormatException(file, $"file ends after {got} bytes, inside the header-length field", got, field: "header_len");
        long headerLen = lenBytes == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(pre[8..]) : BinaryPrimitives.ReadUInt32LittleEndian(pre[8..]);
        long headerStart = 8 + lenBytes;
        if (headerLen > MaxHeaderBytes)
            throw new DataFormatException(file, $"header length {headerLen} exceeds the {MaxHeaderBytes}-byte limit (a corrupt length field?)", 8, field: "header_len");
        if (available is long avail && headerStart + headerLen > avail)
            throw new DataFormatException(file, $"header length {headerLen} runs past the end of the file ({avail} bytes)", 8, field: "header_len");
        var headerBytes = StreamUtil.ReadUpTo(s, headerLen);
        if (headerBytes.Length < headerLen)
            throw new DataFormatException(file, $"file ends inside the {headerLen}-byte header ({headerBytes.Length} bytes of it present)", headerStart + headerBytes.Length, field: "header");
        string text;
        try
        {
            text = major == 3 ? new UTF8Encoding(false, true).GetString(headerBytes) : Encoding.Latin1.GetString(headerBytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new DataFormatException(file, "the version 3.0 header is not valid UTF-8", headerStart, field: "header", inner: e);
        }
        var h = NpyHeader.Parse(text, file, headerStart);

        long dataStart = headerStart + headerLen;
        int itemSize = NpyArray.ItemSizeOf(h.DType);
        long count = 1;
        foreach (int d in h.Shape)
        {
            // int dims times a running product capped at Array.MaxLength never overflows a long.
            count *= d;
            if (count > Array.MaxLength)
                throw new DataFormatException(file, $"header claims shape {ShapeText(h.Shape)} = more than {Array.MaxLength} elements, beyond what one array can hold", headerStart, field: "shape");
        }
        long bytes = count * itemSize;
        if (available is long a2 && bytes > a2 - dataStart)
            throw new DataFormatException(file,
                $"header claims shape {ShapeText(h.Shape)} of {h.Descr} = {bytes} bytes of data, but only {a2 - dataStart} bytes follow the header",
                dataStart, field: "shape");

        var data = NpyArray.Allocate(h.DType, (int)count);
        var raw = NpyArray.BytesOf(data);
        if (available is not null)
        {
            int n = StreamUtil.ReadFully(s, raw);
            if (n < raw.Length)
                throw new DataFormatException(file, $"data ends after {n} of {raw.Length} bytes", dataStart + n, field: "data");
        }
        else
        {
            // Unknown length (e.g. a compressed archive member): read what is really there before trusting the header.
            var buf = StreamUtil.ReadUpTo(s, bytes);
            if (buf.Length < bytes)
                throw new DataFormatException(file,
                    $"header claims shape {ShapeText(h.Shape)} of {h.Descr} = {bytes} bytes of data, but only {buf.Length} bytes follow the header",
                    dataStart + buf.Length, field: "data");
            buf.CopyTo(raw);
        }
        if (data is bool[] flags)
        {
            // numpy treats any non-zero byte as True; .NET bools must be exactly 0 or 1.
            var asBytes = MemoryMarshal.AsBytes(flags.AsSpan());
            for (int i = 0; i < asBytes.Length; i++) if (asBytes[i] > 1) asBytes[i] = 1;
        }
        if (h.BigEndian) SwapBytes(raw, itemSize);
        if (h.FortranOrder && h.Shape.Length > 1) data = Reorder(data, h.Shape, fortranToC: true);
        return NpyArray.Wrap(data, h.DType, h.Shape);
    }

    /// <summary>Writes <paramref name="array"/> to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    public static void Write(string path, NpyArray array, NpyWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(array);
        StreamUtil.WriteAtomically(path, fs => Write(fs, array, options));
    }

    /// <summary>Writes <paramref name="array"/> as .npy content to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, NpyArray array, NpyWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(array);
        options ??= new NpyWriteOptions();
        int[] shape = array.Shape;
        string dict = NpyHeader.Format(array.DType, options.BigEndian, options.FortranOrder, shape);
        int version = options.Version ?? (dict.Length + 1 + 10 <= ushort.MaxValue ? 1 : 2);
        if (version is < 1 or > 3)
            throw new ArgumentOutOfRangeException(nameof(options), $"Format version must be 1, 2 or 3. Received: {version}");
        int preamble = version == 1 ? 10 : 12;
        // numpy pads with spaces and ends with '\n' so that the data starts at a multiple of 64 bytes (aligned loads).
        int total = preamble + dict.Length + 1;
        int padded = (total + 63) / 64 * 64;
        string header = dict + new string(' ', padded - total) + "\n";
        var encoded = version == 3 ? Encoding.UTF8.GetBytes(header) : Encoding.Latin1.GetBytes(header);
        if (version == 1 && encoded.Length > ushort.MaxValue)
            throw new ArgumentException($"The header ({encoded.Length} bytes) is too long for format version 1.0; use 2.0.", nameof(options));

        Span<byte> pre = stackalloc byte[12];
        Magic.CopyTo(pre);
        pre[6] = (byte)version;
        pre[7] = 0;
        if (version == 1) BinaryPrimitives.WriteUInt16LittleEndian(pre[8..], (ushort)encoded.Length);
        else BinaryPrimitives.WriteUInt32LittleEndian(pre[8..], (uint)encoded.Length);
        stream.Write(pre[..preamble]);
        stream.Write(encoded);

        Array data = array.Data;
        if (options.FortranOrder && shape.Length > 1) data = Reorder(data, shape, fortranToC: false);
        else if (options.BigEndian) data = (Array)data.Clone();
        var raw = NpyArray.BytesOf(data);
        if (options.BigEndian) SwapBytes(raw, array.ItemSize);
        stream.Write(raw);
    }

    private static FileStream OpenFile(string path)
    {
        try { return File.OpenRead(path); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFormatException(path, "file not found", inner: e);
        }
    }

    internal static void SwapBytes(Span<byte> raw, int itemSize)
    {
        switch (itemSize)
        {
            case 2: BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ushort>(raw), MemoryMarshal.Cast<byte, ushort>(raw)); break;
            case 4: BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, uint>(raw), MemoryMarshal.Cast<byte, uint>(raw)); break;
            case 8: BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ulong>(raw), MemoryMarshal.Cast<byte, ulong>(raw)); break;
        }
    }

    /// <summary>Copies between Fortran (first index fastest) and C (last index fastest) element orders.</summary>
    private static Array Reorder(Array src, int[] shape, bool fortranToC)
    {
        var dst = Array.CreateInstance(src.GetType().GetElementType()!, src.Length);
        var s = NpyArray.BytesOf(src);
        int itemSize = s.Length / Math.Max(1, src.Length);
        var d = NpyArray.BytesOf(dst);
        int rank = shape.Length;
        var fStride = new long[rank];
        long acc = 1;
        for (int k = 0; k < rank; k++) { fStride[k] = acc; acc *= shape[k]; }
        var idx = new int[rank];
        long fOffset = 0;
        for (long c = 0; c < src.Length; c++)
        {
            long from = fortranToC ? fOffset : c, to = fortranToC ? c : fOffset;
            s.Slice((int)(from * itemSize), itemSize).CopyTo(d.Slice((int)(to * itemSize), itemSize));
            // Advance the C-order multi-index (last axis fastest), keeping the Fortran offset in step.
            for (int k = rank - 1; k >= 0; k--)
            {
                idx[k]++;
                fOffset += fStride[k];
                if (idx[k] < shape[k]) break;
                fOffset -= fStride[k] * shape[k];
                idx[k] = 0;
            }
        }
        return dst;
    }

    internal static string ShapeText(int[] shape) => shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";

    private static string Hex(ReadOnlySpan<byte> b) => b.Length == 0 ? "(none)" : Convert.ToHexString(b).Chunk(2).Select(c => new string(c)).Aggregate((x, y) => x + " " + y);
}
