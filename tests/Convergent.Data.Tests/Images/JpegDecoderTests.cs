namespace Convergent.Data.Tests;

public class JpegDecoderTests
{
    // Tolerances against ImageMagick's decode of the same file (libjpeg-turbo: integer IDCT, fancy upsampling,
    // fixed-point colour conversion). Our float IDCT rounds differently, which moves a Y/Cb/Cr sample by ±1 and,
    // through the YCbCr → RGB matrix (coefficients up to 1.77), a colour channel by up to 2. Measured on these
    // fixtures: mean 0.018–0.053, max 2 (gray: max 1). The bounds leave room for another libjpeg version's
    // rounding, while a real bug (wrong upsampling, colour matrix, or block order) gives errors of tens.
    private const double MaxMeanAbsError = 0.5;
    private const int MaxAbsError = 3;

    [Theory]
    [InlineData("jpeg-420.jpg", "jpeg-420.ref.ppm")]
    [InlineData("jpeg-422.jpg", "jpeg-422.ref.ppm")]
    [InlineData("jpeg-444.jpg", "jpeg-444.ref.ppm")]
    [InlineData("jpeg-gray.jpg", "jpeg-gray.ref.pgm")]
    [InlineData("jpeg-420-restart-rows.jpg", "jpeg-420-restart-rows.ref.ppm")]
    [InlineData("jpeg-444-restart-3mcu.jpg", "jpeg-444-restart-3mcu.ref.ppm")]
    public void Decode_ToolMadeJpeg_MatchesImageMagickWithinIdctRounding(string name, string reference)
    {
        var img = JpegDecoder.Decode(Fixtures.Path(name));
        var expected = PnmDecoder.Decode(Fixtures.Path(reference));
        Assert.Equal((expected.Width, expected.Height, expected.Channels), (img.Width, img.Height, img.Channels));
        var diffs = img.Pixels.Zip(expected.Pixels, (a, b) => Math.Abs(a - b)).ToArray();
        double mean = diffs.Average();
        int max = diffs.Max();
        Assert.True(mean <= MaxMeanAbsError && max <= MaxAbsError, $"mean abs error {mean:F3}, max {max}");
    }

    [Fact]
    public void Decode_Progressive_IsAClearUnsupportedError()
    {
        var e = Assert.Throws<DataFormatException>(() => Image.Load(Fixtures.Path("jpeg-progressive.jpg")));
        Assert.Contains("unsupported: progressive JPEG", e.Message);
    }

    [Fact]
    public void Decode_TruncatedAtSeveralOffsets_FailsWithDataFormatException()
    {
        var bytes = Fixtures.Bytes("jpeg-420.jpg");
        foreach (int cut in new[] { 1, 2, 3, 20, 100, 300, bytes.Length / 2, bytes.Length - 40, bytes.Length - 2 })
        {
            var e = Assert.Throws<DataFormatException>(() => JpegDecoder.Decode(bytes[..cut], "cut.jpg"));
            Assert.NotNull(e.Offset);
        }
    }

    [Fact]
    public void Decode_TruncatedInsideScan_SaysWhichMcu()
    {
        var bytes = Fixtures.Bytes("jpeg-444.jpg");
        var e = Assert.Throws<DataFormatException>(() => JpegDecoder.Decode(bytes[..(bytes.Length - 200)], "cut.jpg"));
        Assert.Contains("MCU", e.Message);
        Assert.Equal("scan", e.Field);
    }

    [Fact]
    public void Decode_HeaderClaimingHugeImage_FailsBeforeAllocating()
    {
        var bytes = Fixtures.Bytes("jpeg-gray.jpg");
        int sof = bytes.AsSpan().IndexOf(new byte[] { 0xFF, 0xC0 });
        // Height and width at SOF + 5 and + 7: claim 40000 × 40000 (1.6 GB of gray pixels, within one array).
        bytes[sof + 5] = 0x9C; bytes[sof + 6] = 0x40; bytes[sof + 7] = 0x9C; bytes[sof + 8] = 0x40;
        var e = Assert.Throws<DataFormatException>(() => JpegDecoder.Decode(bytes, "huge.jpg"));
        Assert.Contains("40000×40000", e.Message);
        Assert.Contains("each block needs at least 2 bits", e.Message);
    }
}
