using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Convergent.Data;

/// <summary>
/// Decodes PNG images (W3C PNG / RFC 2083): colour types 0 (gray), 2 (RGB), 3 (palette), 4 (gray + alpha) and
/// 6 (RGBA); bit depths 1, 2, 4, 8 and 16; the five row filters; Adam7 interlacing; <c>PLTE</c> and <c>tRNS</c>;
/// CRC-checked chunks; <c>IDAT</c> chunks concatenated and inflated with the BCL's <see cref="ZLibStream"/>.
/// Output is 8 bits per sample: 16-bit samples are rounded (v / 257), low bit depths scaled to 0–255. Gray gives 1
/// channel, RGB and opaque palettes 3, anything with alpha (colour types 4 and 6, or a <c>tRNS</c> chunk) 4.
/// </summary>
public static class PngDecoder
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // Deflate cannot expand data by more than about 1032:1, so IDAT bytes bound the honest decompressed size;
    // a header demanding more is refused before the buffer is allocated.
    private const long MaxInflateRatio = 1032;

    private static readonly (int X0, int Y0, int Dx, int Dy)[] Adam7 =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    /// <summary>Decodes a PNG file.</summary>
    public static Image Decode(string path) => Decode(StreamUtil.ReadAllBytes(path), path);

    /// <summary>Decodes PNG bytes; <paramref name="sourceName"/> names the input in errors.</summary>
    public static Image Decode(byte[] data, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(data);
        string file = sourceName;
        if (data.Length < 8 || !data.AsSpan(0, 8).SequenceEqual(Signature))
            throw new DataFormatException(file, "not a PNG file: the 8-byte signature 89 50 4E 47 0D 0A 1A 0A is missing", 0, field: "signature");
        int pos = 8;
        int width = 0, height = 0, bitDepth = 0, colorType = -1, interlace = 0;
        byte[]? palette = null;
        byte[]? trns = null;
        var idat = new MemoryStream();
        bool sawIend = false;
        while (!sawIend)
        {
            if (pos + 8 > data.Length)
                throw new DataFormatException(file, $"file ends at byte {data.Length} before the IEND chunk (truncated?)", data.Length, field: "chunk");
            uint len = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(pos));
            string type = Encoding.ASCII.GetString(data, pos + 4, 4);
            if (len > int.MaxValue || pos + 12L + len > data.Length)
                throw new DataFormatException(file, $"chunk {type} claims {len} bytes but only {Math.Max(0, data.Length - pos - 12)} remain (truncated?)", pos, field: type);
            var body = data.AsSpan(pos + 8, (int)len);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(pos + 8 + (int)len));
            uint actual = Crc32.Compute(data.AsSpan(pos + 4, (int)len + 4));
            if (crc != actual)
                throw new DataFormatException(file, $"CRC mismatch in chunk {type}: stored {crc:X8}, computed {actual:X8} (corrupted file)", pos + 8 + len, field: type);
            if (colorType < 0 && type != "IHDR")
                throw new DataFormatException(file, $"the first chunk must be IHDR, found {type}", pos, field: type);
            switch (type)
            {
                case "IHDR":
                    if (colorType >= 0) throw new DataFormatException(file, "a second IHDR chunk", pos, field: type);
                    if (len != 13) throw new DataFormatException(file, $"IHDR must be 13 bytes, not {len}", pos, field: type);
                    uint w = BinaryPrimitives.ReadUInt32BigEndian(body), h = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
                    bitDepth = body[8]; colorType = body[9]; interlace = body[12];
                    bool valid = colorType switch
                    {
                        0 => bitDepth is 1 or 2 or 4 or 8 or 16,
                        3 => bitDepth is 1 or 2 or 4 or 8,
                        2 or 4 or 6 => bitDepth is 8 or 16,
                        _ => false,
                    };
                    if (!valid) throw new DataFormatException(file, $"invalid colour type {colorType} with bit depth {bitDepth}", pos + 16, field: type);
                    if (body[10] != 0 || body[11] != 0) throw new DataFormatException(file, $"unknown compression method {body[10]} or filter method {body[11]}", pos + 18, field: type);
                    if (interlace > 1) throw new DataFormatException(file, $"unknown interlace method {interlace}", pos + 20, field: type);
                    if (w > int.MaxValue || h > int.MaxValue) throw new DataFormatException(file, $"image size {w}×{h} exceeds the PNG limit of 2^31−1", pos + 8, field: type);
                    Image.CheckSize(file, w, h, 4, pos + 8, type);
                    width = (int)w; height = (int)h;
                    break;
                case "PLTE":
                    if (len == 0 || len % 3 != 0 || len > 768)
                        throw new DataFormatException(file, $"PLTE length {len} is not 3 × (1…256) entries", pos, field: type);
                    palette = body.ToArray();
                    break;
                case "tRNS":
                    trns = body.ToArray();
                    break;
                case "IDAT":
                    idat.Write(body);
                    break;
                case "IEND":
                    sawIend = true;
                    break;
                default:
                    // Bit 5 of the first byte clear (upper case) marks a chunk a decoder must understand.
                    if (char.IsAsciiLetterUpper(type[0]))
                        throw new DataFormatException(file, $"unknown critical chunk {type}", pos, field: type);
                    break;
            }
            pos += 12 + (int)len;
        }
        if (idat.Length == 0) throw new DataFormatException(file, "no IDAT chunk (no image data)", pos, field: "IDAT");
        if (colorType == 3 && palette is null) throw new DataFormatException(file, "a palette image (colour type 3) without a PLTE chunk", pos, field: "PLTE");

        int samples = colorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, _ => 4 };
        int bitsPerPixel = samples * bitDepth;
        var passes = interlace == 1 ? Adam7 : [(0, 0, 1, 1)];
        long expected = 0;
        foreach (var (x0, y0, dx, dy) in passes)
        {
            long pw = (width - x0 + dx - 1) / dx, ph = (height - y0 + dy - 1) / dy;
            if (pw > 0 && ph > 0) expected += ph * (1 + (pw * bitsPerPixel + 7) / 8);
        }
        if (expected > Array.MaxLength || expected > idat.Length * MaxInflateRatio + 1024)
            throw new DataFormatException(file, $"the {idat.Length} bytes of IDAT data cannot hold the {expected} bytes a {width}×{height} image needs", pos, field: "IDAT");
        var raw = new byte[expected];
        idat.Position = 0;
        int got;
        try
        {
            using var z = new ZLibStream(idat, CompressionMode.Decompress);
            got = StreamUtil.ReadFully(z, raw);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(file, $"corrupt zlib data in IDAT: {e.Message}", field: "IDAT", inner: e);
        }
        if (got < expected)
            throw new DataFormatException(file, $"image data inflates to {got} bytes, {expected} needed for {width}×{height}", field: "IDAT");

        int outChannels = colorType switch
        {
            0 => trns is null ? 1 : 4,
            2 => trns is null ? 3 : 4,
            3 => trns is null ? 3 : 4,
            _ => 4,
        };
        var pixels = new byte[(long)width * height * outChannels];
        var ctx = new PixelWriter(colorType, bitDepth, outChannels, palette, trns, file);
        int offset = 0;
        int bytesPerPixel = Math.Max(1, bitsPerPixel / 8);
        foreach (var (x0, y0, dx, dy) in passes)
        {
            int pw = (width - x0 + dx - 1) / dx, ph = (height - y0 + dy - 1) / dy;
            if (pw <= 0 || ph <= 0) continue;
            int rowBytes = (int)(((long)pw * bitsPerPixel + 7) / 8);
            var prev = new byte[rowBytes];
            var cur = new byte[rowBytes];
            for (int r = 0; r < ph; r++)
            {
                int filter = raw[offset];
                raw.AsSpan(offset + 1, rowBytes).CopyTo(cur);
                Unfilter(filter, cur, prev, bytesPerPixel, file, r);
                offset += 1 + rowBytes;
                int y = y0 + r * dy;
                if (bitDepth == 8 && dx == 1 && outChannels == samples)
                    cur.AsSpan().CopyTo(pixels.AsSpan((int)((long)y * width * outChannels), rowBytes)); // already 8-bit HWC
                else
                    for (int i = 0; i < pw; i++) ctx.Write(cur, i, pixels, ((long)y * width + x0 + (long)i * dx) * outChannels);
                (prev, cur) = (cur, prev);
            }
        }
        return new Image(width, height, outChannels, pixels);
    }

    private static void Unfilter(int filter, Span<byte> cur, ReadOnlySpan<byte> prev, int bpp, string file, int row)
    {
        switch (filter)
        {
            case 0: break;
            case 1: for (int i = bpp; i < cur.Length; i++) cur[i] += cur[i - bpp]; break;
            case 2: for (int i = 0; i < cur.Length; i++) cur[i] += prev[i]; break;
            case 3:
                for (int i = 0; i < cur.Length; i++) cur[i] += (byte)(((i >= bpp ? cur[i - bpp] : 0) + prev[i]) >> 1);
                break;
            case 4:
                for (int i = 0; i < cur.Length; i++)
                {
                    int a = i >= bpp ? cur[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
                    int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                    cur[i] += (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
                }
                break;
            default:
                throw new DataFormatException(file, $"unknown filter type {filter} on scanline {row}", field: "IDAT");
        }
    }

    /// <summary>Turns one pixel of an unfiltered scanline into 8-bit output samples.</summary>
    private sealed class PixelWriter(int colorType, int bitDepth, int outChannels, byte[]? palette, byte[]? trns, string file)
    {
        private readonly int _samples = colorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, _ => 4 };

        private int Sample(ReadOnlySpan<byte> row, int pixel, int s)
        {
            int index = pixel * _samples + s;
            return bitDepth switch
            {
                16 => (row[index * 2] << 8) | row[index * 2 + 1],
                8 => row[index],
                _ => (row[index * bitDepth / 8] >> (8 - bitDepth - index * bitDepth % 8)) & ((1 << bitDepth) - 1),
            };
        }

        private byte To8(int v) => bitDepth switch
        {
            16 => (byte)((v + 128) / 257),          // round(v · 255 / 65535)
            8 => (byte)v,
            _ => (byte)(v * 255 / ((1 << bitDepth) - 1)),  // exact for 1, 2, 4 bits: ×255, ×85, ×17
        };

        public void Write(ReadOnlySpan<byte> row, int pixel, byte[] dst, long at)
        {
            switch (colorType)
            {
                case 0:
                {
                    int g = Sample(row, pixel, 0);
                    byte g8 = To8(g);
                    if (outChannels == 1) { dst[at] = g8; break; }
                    int key = trns!.Length >= 2 ? (trns[0] << 8) | trns[1] : -1;
                    dst[at] = dst[at + 1] = dst[at + 2] = g8;
                    dst[at + 3] = g == key ? (byte)0 : (byte)255;
                    break;
                }
                case 2:
                {
                    int r = Sample(row, pixel, 0), g = Sample(row, pixel, 1), b = Sample(row, pixel, 2);
                    dst[at] = To8(r); dst[at + 1] = To8(g); dst[at + 2] = To8(b);
                    if (outChannels == 4)
                    {
                        bool key = trns!.Length >= 6 && r == ((trns[0] << 8) | trns[1]) && g == ((trns[2] << 8) | trns[3]) && b == ((trns[4] << 8) | trns[5]);
                        dst[at + 3] = key ? (byte)0 : (byte)255;
                    }
                    break;
                }
                case 3:
                {
                    int i = Sample(row, pixel, 0);
                    if (i * 3 + 2 >= palette!.Length)
                        throw new DataFormatException(file, $"palette index {i} is beyond the {palette.Length / 3}-entry PLTE", field: "IDAT");
                    dst[at] = palette[i * 3]; dst[at + 1] = palette[i * 3 + 1]; dst[at + 2] = palette[i * 3 + 2];
                    if (outChannels == 4) dst[at + 3] = i < trns!.Length ? trns[i] : (byte)255;
                    break;
                }
                case 4:
                {
                    byte g = To8(Sample(row, pixel, 0));
                    dst[at] = dst[at + 1] = dst[at + 2] = g;
                    dst[at + 3] = To8(Sample(row, pixel, 1));
                    break;
                }
                default:
                    for (int s = 0; s < 4; s++) dst[at + s] = To8(Sample(row, pixel, s));
                    break;
            }
        }
    }
}
