using System.Text;
using Convergent.Reports.TensorBoard;

namespace Convergent.Reports.Tests.TensorBoard;

public class Crc32CTests
{
    [Fact]
    public void Compute_CheckString_IsPublishedCheckValue()
    {
        // the CRC catalogue's check value for CRC-32/ISCSI (= CRC-32C)
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0xE3069283u, Crc32C.ComputeWithTable(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Compute_Rfc3720Vectors_MatchPublishedValues()
    {
        // RFC 3720 (iSCSI), appendix B.4: 32 zero bytes, 32 0xFF bytes, 0..31 ascending, 31..0 descending
        var ascending = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var descending = ascending.Reverse().ToArray();
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
        Assert.Equal(0x62A8AB43u, Crc32C.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
        Assert.Equal(0x46DD794Eu, Crc32C.Compute(ascending));
        Assert.Equal(0x113FDB5Cu, Crc32C.Compute(descending));
        Assert.Equal(0u, Crc32C.Compute([]));
    }

    [Fact]
    public void Compute_EveryLengthTo256AndLargeOddSizes_EqualsTableTwin()
    {
        var rng = new Random(11);
        foreach (int n in Enumerable.Range(0, 257).Concat([1021, 4099, 65_537]))
        {
            var data = new byte[n];
            rng.NextBytes(data);
            Assert.Equal(Crc32C.ComputeWithTable(data), Crc32C.Compute(data));
            // also from an odd start, so the 8-byte hardware loop sees unaligned input
            if (n > 1) Assert.Equal(Crc32C.ComputeWithTable(data.AsSpan(1)), Crc32C.Compute(data.AsSpan(1)));
        }
    }

    [Fact]
    public void Mask_CheckValue_IsRotatedPlusDelta()
    {
        // ((0xE3069283 >> 15) | (0xE3069283 << 17)) + 0xA282EAD8 mod 2^32, worked out by hand (python3 int arithmetic)
        Assert.Equal(0xC78AB0E5u, Crc32C.Mask(0xE3069283u));
        Assert.Equal(0xA282EAD8u, Crc32C.Mask(0));
    }

    [Fact]
    public void ComputeMasked_RecordOfARealTensorFlowFile_MatchesItsStoredChecksum()
    {
        // the data of a record TensorFlow wrote, Event(file_version="CRC test, one two"), and the masked CRC stored
        // beside it (test vector in TensorBoard's data/server/masked_crc.rs)
        Assert.Equal(0x5794D08Au, Crc32C.ComputeMasked([0x1a, 0x11, .. "CRC test, one two"u8]));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData(0xE3069283u)]
    [InlineData(0xFFFFFFFFu)]
    [InlineData(0x5D7E0F31u)]
    public void Unmask_OfMask_IsIdentity(uint crc) => Assert.Equal(crc, Crc32C.Unmask(Crc32C.Mask(crc)));
}
