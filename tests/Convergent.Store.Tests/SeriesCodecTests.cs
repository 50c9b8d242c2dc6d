namespace Convergent.Store.Tests;

public class SeriesCodecTests
{
    [Fact]
    public void Steps_ConsecutiveCostOneByteEach_AndLargeGapsRoundTrip()
    {
        long[] consecutive = [.. Enumerable.Range(1000, 300).Select(i => (long)i)];
        var bytes = SeriesCodec.EncodeSteps(consecutive);
        Assert.Equal(300, bytes.Length);   // first delta 0, then 1s
        Assert.Equal(consecutive, SeriesCodec.DecodeSteps(bytes, 1000, 300));
        long[] gaps = [5, 5, 133, 1L << 40, (1L << 40) + 1];
        Assert.Equal(gaps, SeriesCodec.DecodeSteps(SeriesCodec.EncodeSteps(gaps), 5, gaps.Length));
    }

    [Fact]
    public void Steps_Decreasing_AreRefused() =>
        Assert.Throws<ArgumentException>(() => SeriesCodec.EncodeSteps([3, 2]));

    [Fact]
    public void Values_RoundTripBitExact()
    {
        double[] v = [0, -0.0, 1e-300, double.Epsilon, double.MaxValue, double.NaN, double.NegativeInfinity, Math.PI];
        Assert.Equal(v.Select(BitConverter.DoubleToInt64Bits), SeriesCodec.DecodeValues(SeriesCodec.EncodeValues(v), v.Length).Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Decode_CutShortBlob_IsAFormatError()
    {
        Assert.Throws<FormatException>(() => SeriesCodec.DecodeSteps([0x80], 0, 1));
        Assert.Throws<FormatException>(() => SeriesCodec.DecodeValues(new byte[12], 2));
    }
}
