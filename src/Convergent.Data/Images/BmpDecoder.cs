using System.Buffers.Binary;
using System.Numerics;

namespace Convergent.Data;

/// <summary>
/// Decodes Windows BMP files: BITMAPCOREHEADER (OS/2), BITMAPINFOHEADER and its V2–V5 extensions; 1-, 4- and
/// 8-bit palettes, 16-bit (5-5-5 or bit fields), 24-bit BGR and 32-bit (BGRx, or bit fields with an alpha mask);
/// bottom-up (positive height) and top-down (negative height) rows padded to 4 bytes. Palette and RGB images
/// give 3 channels, bit fields with a non-zero alpha mask 4. RLE compression is reported as unsupported.
/// </summary>
public static class BmpDecoder
{
    /// <summary>Decodes a BMP file.</summary>
    public static Image Decode(string path) => Decode(StreamUtil.ReadAllBytes(path), path);

    /// <summary>Decodes BMP bytes; <paramref name="sourceName"/> names the input in errors.</summary>
    public static Image Decode(byte[] data, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(data);
        string file = sourceName;
        if (data.Length < 2 || data[0] != 'B' || data[1] != 'M')
            throw new DataFormatException(file, "not a BMP file: expected 'BM'", 0, field: "signature");
        if (data.Length < 18) throw new DataFormatException(file, $"file ends at byte {data.Length} inside the 14-byte file header", data.Length, field: "header");
        var d = data.AsSpan();
        uint offBits = BinaryPrimitives.ReadUInt32LittleEndian(d[10..]);
        uint headerSize = BinaryPrimitives.ReadUInt32LittleEndian(d[14..]);
        if (headerSize is not (12 or 40 or 52 or 56 or 64 or 108 or 124))
            throw new DataFormatException(file, $"unknown DIB header size {headerSize} (expected 12, 40, 52, 56, 108 or 124)", 14, field: "biSize");
        if (14 + headerSize > data.Length)
            throw new DataFormatException(file, $"file ends inside the {headerSize}-byte DIB header", data.Length, field: "biSize");
        long width, height;
        int bitCount;
        uint compression = 0, colorsUsed = 0;
        if (headerSize == 12)
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(d[18..]);
            height = BinaryPrimitives.ReadInt16LittleEndian(d[20..]);
            bitCount = BinaryPrimitives.ReadUInt16LittleEndian(d[24..]);
        }
        else
        {
            width = BinaryPrimitives.ReadInt32LittleEndian(d[18..]);
            height = BinaryPrimitives.ReadInt32LittleEndian(d[22..]);
            bitCount = BinaryPrimitives.ReadUInt16LittleEndian(d[28..]);
            compression = BinaryPrimitives.ReadUInt32LittleEndian(d[30..]);
            colorsUsed = BinaryPrimitives.ReadUInt32LittleEndian(d[46..]);
        }
        bool topDown = height < 0;
        height = Math.Abs(height);
        if (compression is 1 or 2)
            throw new DataFormatException(file, $"unsupported BMP compression: {(compression == 1 ? "BI_RLE8" : "BI_RLE4")} (run-length encoded); only uncompressed and bit-field BMPs are read", 30, field: "biCompression");
        if (compression is not (0 or 3 or 6))
            throw new DataFormatException(file, $"unsupported BMP compression {compression} (JPEG/PNG-in-BMP or unknown)", 30, field: "biCompression");
        if (bitCount is not (1 or 4 or 8 or 16 or 24 or 32))
            throw new DataFormatException(file, $"unsupported bit count {bitCount}", 28, field: "biBitCount");

        uint rMask = 0, gMask = 0, bMask = 0, aMask = 0;
        int paletteStart = 14 + (int)headerSize;
        if (compression is 3 or 6)
        {
            if (bitCount is not (16 or 32)) throw new DataFormatException(file, $"bit fields need 16 or 32 bits per pixel, not {bitCount}", 30, field: "biCompression");
            int maskAt = headerSize >= 52 ? 54 : paletteStart;
            int masks = headerSize >= 56 || compression == 6 ? 4 : 3;
            if (maskAt + masks * 4 > data.Length) throw new DataFormatException(file, "file ends inside the colour masks", data.Length, field: "masks");
            rMask = BinaryPrimitives.ReadUInt32LittleEndian(d[maskAt..]);
            gMask = BinaryPrimitives.ReadUInt32LittleEndian(d[(maskAt + 4)..]);
            bMask = BinaryPrimitives.ReadUInt32LittleEndian(d[(maskAt + 8)..]);
            if (masks == 4) aMask = BinaryPrimitives.ReadUInt32LittleEndian(d[(maskAt + 12)..]);
            if (headerSize == 40) paletteStart += masks * 4;
        }
        else if (bitCount == 16) { rMask = 0x7C00; gMask = 0x03E0; bMask = 0x001F; }

        int channels = bitCount <= 8 ? 3 : aMask != 0 ? 4 : 3;
        Image.CheckSize(file, width, height, channels, 18, "size");
        long stride = (width * bitCount + 31) / 32 * 4;
        if (offBits < paletteStart || offBits > data.Length || data.Length - offBits < stride * height)
            throw new DataFormatException(file,
                $"header claims {width}×{height} at {bitCount} bits = {stride * height} bytes of pixels from offset {offBits}, but the file holds {data.Length} bytes",
                10, field: "bfOffBits");

        byte[]? palette = null;
        if (bitCount <= 8)
        {
            int entrySize = headerSize == 12 ? 3 : 4;
            long n = colorsUsed == 0 ? 1L << bitCount : colorsUsed;
            if (n > 1L << bitCount || paletteStart + n * entrySize > offBits)
                throw new DataFormatException(file, $"palette of {n} entries does not fit between the header and the pixels", 46, field: "biClrUsed");
            palette = new byte[n * 3];
            for (int i = 0; i < n; i++)
            {
                palette[i * 3] = data[paletteStart + i * entrySize + 2];
                palette[i * 3 + 1] = data[paletteStart + i * entrySize + 1];
                palette[i * 3 + 2] = data[paletteStart + i * entrySize];
            }
        }

        int w = (int)width, h = (int)height;
        var pixels = new byte[(long)w * h * channels];
        var rf = new Field(rMask); var gf = new Field(gMask); var bf = new Field(bMask); var af = new Field(aMask);
        for (int row = 0; row < h; row++)
        {
            int y = topDown ? row : h - 1 - row;
            var line = d.Slice((int)(offBits + row * stride), (int)stride);
            long o = (long)y * w * channels;
            for (int x = 0; x < w; x++, o += channels)
            {
                switch (bitCount)
                {
                    case 24:
                        pixels[o] = line[x * 3 + 2]; pixels[o + 1] = line[x * 3 + 1]; pixels[o + 2] = line[x * 3];
                        break;
                    case 32 when compression == 0:
                        pixels[o] = line[x * 4 + 2]; pixels[o + 1] = line[x * 4 + 1]; pixels[o + 2] = line[x * 4];
                        break;
                    case 16 or 32:
                    {
                        uint v = bitCount == 16 ? BinaryPrimitives.ReadUInt16LittleEndian(line[(x * 2)..]) : BinaryPrimitives.ReadUInt32LittleEndian(line[(x * 4)..]);
                        pixels[o] = rf.Get(v); pixels[o + 1] = gf.Get(v); pixels[o + 2] = bf.Get(v);
                        if (channels == 4) pixels[o + 3] = af.Get(v);
                        break;
                    }
                    default:
                    {
                        int bitPos = x * bitCount;
                        int index = (line[bitPos / 8] >> (8 - bitCount - bitPos % 8)) & ((1 << bitCount) - 1);
                        if (index * 3 >= palette!.Length)
                            throw new DataFormatException(file, $"palette index {index} at pixel ({x}, {y}) is beyond the {palette.Length / 3}-entry palette",
                                offBits + row * stride + bitPos / 8, field: "pixels");
                        pixels[o] = palette[index * 3]; pixels[o + 1] = palette[index * 3 + 1]; pixels[o + 2] = palette[index * 3 + 2];
                        break;
                    }
                }
            }
        }
        return new Image(w, h, channels, pixels);
    }

    /// <summary>One colour mask of a bit-field BMP: extracts the field and scales it to 0–255.</summary>
    private readonly struct Field(uint mask)
    {
        private readonly int _shift = mask == 0 ? 0 : BitOperations.TrailingZeroCount(mask);
        private readonly uint _max = mask == 0 ? 0 : mask >> BitOperations.TrailingZeroCount(mask);

        public byte Get(uint v)
        {
            if (_max == 0) return 0;
            uint f = (v & mask) >> _shift;
            return _max == 255 ? (byte)f : (byte)((f * 255 + _max / 2) / _max);
        }
    }
}
