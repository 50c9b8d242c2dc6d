namespace Convergent.Data;

/// <summary>
/// Decodes the Netpbm formats: P1/P4 (bitmap, plain/raw), P2/P5 (graymap) and P3/P6 (pixmap), with maxval up to
/// 65535 (two big-endian bytes per sample above 255) and <c>#</c> comments in the header. Samples are scaled to
/// 0–255 as round(v · 255 / maxval). Bitmaps become gray with 1 (black) → 0 and 0 (white) → 255.
/// </summary>
public static class PnmDecoder
{
    /// <summary>Decodes a PBM/PGM/PPM file.</summary>
    public static Image Decode(string path) => Decode(StreamUtil.ReadAllBytes(path), path);

    /// <summary>Decodes PBM/PGM/PPM bytes; <paramref name="sourceName"/> names the input in errors.</summary>
    public static Image Decode(byte[] data, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(data);
        string file = sourceName;
        if (data.Length < 2 || data[0] != 'P' || data[1] is < (byte)'1' or > (byte)'6')
            throw new DataFormatException(file, "not a PNM file: expected P1…P6", 0, field: "magic");
        int kind = data[1] - '0';
        int pos = 2;
        bool bitmap = kind is 1 or 4, plain = kind <= 3;
        int channels = kind is 3 or 6 ? 3 : 1;
        long width = ReadHeaderInt(data, ref pos, file, "width");
        long height = ReadHeaderInt(data, ref pos, file, "height");
        long maxval = bitmap ? 1 : ReadHeaderInt(data, ref pos, file, "maxval");
        if (maxval is < 1 or > 65535) throw new DataFormatException(file, $"maxval {maxval} is outside 1…65535", pos, field: "maxval");
        Image.CheckSize(file, width, height, channels, pos, "size");
        int w = (int)width, h = (int)height;
        long count = width * height * channels;
        var pixels = new byte[0];
        if (plain)
        {
            pos++; // the single whitespace after the header (already known to be there)
            // Every plain sample takes at least one character: a cheap bound checked before allocating.
            if (data.Length - pos < count)
                throw new DataFormatException(file, $"header claims {w}×{h}×{channels} samples but only {data.Length - pos} bytes follow", pos, field: "data");
            pixels = new byte[count];
            for (long i = 0; i < count; i++)
            {
                long v;
                if (bitmap)
                {
                    SkipSpaceAndComments(data, ref pos);
                    if (pos >= data.Length || data[pos] is not ((byte)'0' or (byte)'1'))
                        throw new DataFormatException(file, $"expected 0 or 1 for pixel {i}", pos, field: "data");
                    v = data[pos++] - '0';
                    pixels[i] = v == 1 ? (byte)0 : (byte)255;
                    continue;
                }
                v = ReadHeaderInt(data, ref pos, file, "data");
                if (v > maxval) throw new DataFormatException(file, $"sample {v} exceeds maxval {maxval}", pos, field: "data");
                pixels[i] = Scale(v, maxval);
            }
            return new Image(w, h, channels, pixels);
        }
        // Raw formats: exactly one whitespace character separates the header from the binary data.
        if (pos >= data.Length || !IsSpace(data[pos]))
            throw new DataFormatException(file, "expected one whitespace character after the header", pos, field: "header");
        pos++;
        long needed = bitmap ? (width + 7) / 8 * height : count * (maxval > 255 ? 2 : 1);
        if (data.Length - pos < needed)
            throw new DataFormatException(file, $"header claims {w}×{h} (maxval {maxval}) = {needed} bytes of pixel data but only {data.Length - pos} bytes follow", pos, field: "data");
        pixels = new byte[count];
        if (bitmap)
        {
            int rowBytes = (w + 7) / 8;
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    pixels[(long)y * w + x] = ((data[pos + (long)y * rowBytes + x / 8] >> (7 - x % 8)) & 1) == 1 ? (byte)0 : (byte)255;
        }
        else if (maxval > 255)
        {
            for (long i = 0; i < count; i++)
            {
                int v = (data[pos + 2 * i] << 8) | data[pos + 2 * i + 1];
                if (v > maxval) throw new DataFormatException(file, $"sample {v} exceeds maxval {maxval}", pos + 2 * i, field: "data");
                pixels[i] = Scale(v, maxval);
            }
        }
        else
        {
            for (long i = 0; i < count; i++)
            {
                int v = data[pos + i];
                if (v > maxval) throw new DataFormatException(file, $"sample {v} exceeds maxval {maxval}", pos + i, field: "data");
                pixels[i] = maxval == 255 ? (byte)v : Scale(v, maxval);
            }
        }
        return new Image(w, h, channels, pixels);
    }

    private static byte Scale(long v, long maxval) => (byte)((v * 255 + maxval / 2) / maxval);

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C;

    private static void SkipSpaceAndComments(byte[] d, ref int pos)
    {
        while (pos < d.Length)
        {
            if (IsSpace(d[pos])) pos++;
            else if (d[pos] == '#') { while (pos < d.Length && d[pos] != '\n' && d[pos] != '\r') pos++; }
            else break;
        }
    }

    private static long ReadHeaderInt(byte[] d, ref int pos, string file, string field)
    {
        SkipSpaceAndComments(d, ref pos);
        int start = pos;
        long v = 0;
        while (pos < d.Length && d[pos] is >= (byte)'0' and <= (byte)'9')
        {
            v = v * 10 + (d[pos++] - '0');
            if (v > int.MaxValue) throw new DataFormatException(file, $"{field} is too large", start, field: field);
        }
        if (pos == start)
            throw new DataFormatException(file, pos >= d.Length ? $"file ends while reading {field}" : $"expected a number for {field}, found '{(char)d[pos]}'", pos, field: field);
        if (pos < d.Length && !IsSpace(d[pos]) && d[pos] != '#')
            throw new DataFormatException(file, $"unexpected '{(char)d[pos]}' after {field}", pos, field: field);
        return v;
    }
}
