using System.IO.Compression;

namespace Convergent.Data;

/// <summary>Shared low-level reading helpers: gzip sniffing and reads whose memory is bounded by the bytes that
/// actually arrive, so a lying header can never make us allocate what the input does not hold.</summary>
internal static class StreamUtil
{
    /// <summary>Opens a file for reading; a gzip file (detected by its magic bytes 1F 8B, not its name) is
    /// transparently decompressed. Missing files become a <see cref="DataFormatException"/> naming the path.</summary>
    public static Stream OpenMaybeGzip(string path)
    {
        FileStream fs;
        try { fs = File.OpenRead(path); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFormatException(path, "file not found", inner: e);
        }
        return WrapMaybeGzip(fs);
    }

    /// <summary>Wraps a seekable <paramref name="stream"/> in a decompressor when it starts with the gzip magic bytes.</summary>
    public static Stream WrapMaybeGzip(Stream stream)
    {
        long start = stream.Position;
        int b0 = stream.ReadByte(), b1 = stream.ReadByte();
        stream.Position = start;
        return b0 == 0x1F && b1 == 0x8B ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }

    /// <summary>Bytes left in a seekable stream, or null when the length cannot be known without reading.</summary>
    public static long? Remaining(Stream s) => s.CanSeek ? s.Length - s.Position : null;

    /// <summary>Reads up to <paramref name="count"/> bytes; returns fewer only at end of stream. The buffer grows with
    /// the data actually read, so a header that claims terabytes costs only what the stream really holds.</summary>
    public static byte[] ReadUpTo(Stream s, long count)
    {
        if (count <= 0) return [];
        const int FirstChunk = 1 << 20;
        var buf = new byte[(int)Math.Min(count, Math.Min(FirstChunk, Array.MaxLength))];
        int filled = 0;
        while (filled < count)
        {
            if (filled == buf.Length)
            {
                long next = Math.Min(Math.Min(count, Array.MaxLength), (long)buf.Length * 2);
                if (next == buf.Length) break;
                Array.Resize(ref buf, (int)next);
            }
            int n = s.Read(buf, filled, buf.Length - filled);
            if (n == 0) break;
            filled += n;
        }
        if (filled != buf.Length) Array.Resize(ref buf, filled);
        return buf;
    }

    /// <summary>Counts the bytes left in a stream by reading them (used only to word an error message).</summary>
    public static long CountRest(Stream s)
    {
        var buf = new byte[81920];
        long total = 0;
        int n;
        while ((n = s.Read(buf, 0, buf.Length)) > 0) total += n;
        return total;
    }

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes or returns how many arrived.</summary>
    public static int ReadFully(Stream s, Span<byte> buffer)
    {
        int filled = 0;
        while (filled < buffer.Length)
        {
            int n = s.Read(buffer[filled..]);
            if (n == 0) break;
            filled += n;
        }
        return filled;
    }

    /// <summary>Writes a file atomically: to a temporary file beside it, then renamed over the target, so a crash
    /// mid-write never leaves a half-written file under the real name.</summary>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string tmp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write))
            {
                write(fs);
                fs.Flush(true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    /// <summary>Reads a whole file (no size bound beyond the file itself); missing files become a DataFormatException.</summary>
    public static byte[] ReadAllBytes(string path)
    {
        try { return File.ReadAllBytes(path); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFormatException(path, "file not found", inner: e);
        }
    }
}
