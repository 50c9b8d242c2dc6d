namespace Convergent.Data.Tests;

public class LosslessDecoderTests
{
    [Theory]
    [InlineData("png-rgb8.png", 3)]
    [InlineData("png-rgba8.png", 4)]
    [InlineData("png-rgb16.png", 3)]
    [InlineData("png-rgba16.png", 4)]
    [InlineData("png-gray8.png", 1)]
    [InlineData("png-gray16.png", 1)]
    [InlineData("png-gray1.png", 1)]
    [InlineData("png-gray2.png", 1)]
    [InlineData("png-gray4.png", 1)]
    [InlineData("png-gray1-interlaced.png", 1)]
    [InlineData("png-graya8.png", 4)]
    [InlineData("png-palette4.png", 3)]
    [InlineData("png-palette8.png", 3)]
    [InlineData("png-palette-trns.png", 4)]
    [InlineData("png-rgb8-interlaced.png", 3)]
    [InlineData("png-rgba16-interlaced.png", 4)]
    [InlineData("bmp-rgb24.bmp", 3)]
    [InlineData("bmp-pal8.bmp", 3)]
    [InlineData("bmp-pal4.bmp", 3)]
    [InlineData("bmp-pal1.bmp", 3)]
    [InlineData("bmp-v4-rgba32.bmp", 4)]
    [InlineData("bmp-v5-rgba32.bmp", 4)]
    [InlineData("pnm-p1.pbm", 1)]
    [InlineData("pnm-p2.pgm", 1)]
    [InlineData("pnm-p3.ppm", 3)]
    [InlineData("pnm-p4.pbm", 1)]
    [InlineData("pnm-p5.pgm", 1)]
    [InlineData("pnm-p6.ppm", 3)]
    [InlineData("pnm-p6-16bit.ppm", 3)]
    public void Decode_ToolMadeFile_EqualsImageMagickReferenceExactly(string name, int channels)
    {
        var img = Image.Load(Fixtures.Path(name));
        Assert.Equal(Fixtures.Width, img.Width);
        Assert.Equal(Fixtures.Height, img.Height);
        Assert.Equal(channels, img.Channels);
        var expected = Fixtures.ReferenceRgba(name);
        var actual = img.ToChannels(4).Pixels;
        int firstDiff = Enumerable.Range(0, expected.Length).FirstOrDefault(i => expected[i] != actual[i], -1);
        Assert.True(firstDiff < 0, $"first difference at byte {firstDiff} (pixel {firstDiff / 4}): expected {(firstDiff < 0 ? 0 : expected[firstDiff])}, got {(firstDiff < 0 ? 0 : actual[firstDiff])}");
    }

    [Fact]
    public void Decode_SamePictureInEveryLosslessRgbFormat_GivesIdenticalPixels()
    {
        var reference = PnmDecoder.Decode(Fixtures.Path("pnm-p6.ppm")).Pixels;
        foreach (var name in new[] { "png-rgb8.png", "png-rgb8-interlaced.png", "bmp-rgb24.bmp", "pnm-p3.ppm", "pnm-p6-16bit.ppm", "pnm-p6-maxval1000.ppm" })
            Assert.Equal(reference, Image.Load(Fixtures.Path(name)).Pixels);
    }

    [Fact]
    public void PngDecoder_CorruptedCrc_FailsNamingTheChunk()
    {
        var bytes = Fixtures.Bytes("png-rgb8.png");
        int idat = IndexOf(bytes, "IDAT"u8);
        bytes[idat + 10] ^= 0x55;
        var e = Assert.Throws<DataFormatException>(() => PngDecoder.Decode(bytes, "bad.png"));
        Assert.Equal("IDAT", e.Field);
        Assert.Contains("CRC mismatch", e.Message);
    }

    [Fact]
    public void PngDecoder_TruncatedAtSeveralOffsets_FailsEveryTime()
    {
        var bytes = Fixtures.Bytes("png-rgba8.png");
        foreach (int cut in new[] { 0, 5, 8, 20, 33, 60, bytes.Length / 2, bytes.Length - 5 })
            Assert.Throws<DataFormatException>(() => PngDecoder.Decode(bytes[..cut], "cut.png"));
    }

    [Fact]
    public void PngDecoder_HugeDimensionsWithTinyData_FailsBeforeAllocating()
    {
        var bytes = Fixtures.Bytes("png-gray1.png");
        // IHDR width/height at bytes 16..23; claim 20000 × 20000 and fix the CRC so only the size check can object.
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), 20000);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), 20000);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(29), Crc(bytes.AsSpan(12, 17)));
        var e = Assert.Throws<DataFormatException>(() => PngDecoder.Decode(bytes, "huge.png"));
        Assert.Equal("IDAT", e.Field);
        Assert.Contains("20000×20000", e.Message);
    }

    [Fact]
    public void BmpDecoder_TopDownRows_AreNotFlipped()
    {
        // A hand-made 2×2 24-bit top-down BMP (height −2): first stored row is the top row.
        var b = new byte[54 + 16];
        "BM"u8.CopyTo(b);
        W32(b, 2, b.Length); W32(b, 10, 54); W32(b, 14, 40); W32(b, 18, 2); W32(b, 22, -2);
        b[26] = 1; b[28] = 24;
        byte[] rows = [0, 0, 255, 0, 255, 0, 0, 0, /* row 2 */ 255, 0, 0, 255, 255, 255, 0, 0];
        rows.CopyTo(b, 54);
        var img = BmpDecoder.Decode(b, "td.bmp");
        Assert.Equal(new byte[] { 255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255 }, img.Pixels);
    }

    [Fact]
    public void BmpDecoder_Rle8_IsAClearUnsupportedError()
    {
        var e = Assert.Throws<DataFormatException>(() => Image.Load(Fixtures.Path("bmp-rle8.bmp")));
        Assert.Contains("unsupported BMP compression: BI_RLE8", e.Message);
        Assert.Equal("biCompression", e.Field);
    }

    [Fact]
    public void BmpDecoder_TruncatedPixels_NamesSizes()
    {
        var bytes = Fixtures.Bytes("bmp-rgb24.bmp");
        var e = Assert.Throws<DataFormatException>(() => BmpDecoder.Decode(bytes[..1000], "cut.bmp"));
        Assert.Contains("but the file holds 1000 bytes", e.Message);
    }

    [Fact]
    public void PnmDecoder_CommentsEverywhereInHeader_AreSkipped()
    {
        var data = "P2\n# a comment\n3 # width\n1\n# maxval below\n10\n0 5 10\n"u8.ToArray();
        var img = PnmDecoder.Decode(data, "c.pgm");
        Assert.Equal(new byte[] { 0, 128, 255 }, img.Pixels);
    }

    [Fact]
    public void PnmDecoder_ClaimsMoreThanFileHolds_FailsBeforeAllocating()
    {
        var e = Assert.Throws<DataFormatException>(() => PnmDecoder.Decode("P6\n20000 20000\n255\n\0\0\0"u8.ToArray(), "big.ppm"));
        Assert.Contains("1200000000 bytes of pixel data but only 3 bytes follow", e.Message);
        var e1 = Assert.Throws<DataFormatException>(() => PnmDecoder.Decode("P6\n40000 40000\n255\n\0\0\0"u8.ToArray(), "huge.ppm"));
        Assert.Contains("more than one array can hold", e1.Message);
        var e2 = Assert.Throws<DataFormatException>(() => PnmDecoder.Decode("P5 2 2 70000\n"u8.ToArray(), "m.pgm"));
        Assert.Equal("maxval", e2.Field);
    }

    [Fact]
    public void ImageDecode_UnknownSignature_NamesTheBytes()
    {
        var e = Assert.Throws<DataFormatException>(() => Image.Decode([1, 2, 3, 4], "x.img"));
        Assert.Contains("01020304", e.Message);
    }

    private static void W32(byte[] b, int at, int v) => System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(at), v);

    private static int IndexOf(byte[] hay, ReadOnlySpan<byte> needle) => hay.AsSpan().IndexOf(needle);

    private static uint Crc(ReadOnlySpan<byte> data)
    {
        uint c = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            c ^= b;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        }
        return ~c;
    }
}
