using System.Buffers.Binary;
using System.IO.Compression;

namespace Convergent.Data.Tests;

public class IdxTests
{
    internal static byte[] IdxBytes(byte type, int[] dims, byte[] payload)
    {
        var ms = new MemoryStream();
        ms.Write([0, 0, type, (byte)dims.Length]);
        var b = new byte[4];
        foreach (int d in dims) { BinaryPrimitives.WriteUInt32BigEndian(b, (uint)d); ms.Write(b); }
        ms.Write(payload);
        return ms.ToArray();
    }

    internal static byte[] Gzip(byte[] data)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(data);
        return ms.ToArray();
    }

    [Fact]
    public void Idx_Uint8Images_ReadWithShapeAndValues()
    {
        using var dir = new TempDir();
        var pixels = Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)(i * 10)).ToArray();
        File.WriteAllBytes(dir.File("x-images-idx3-ubyte"), IdxBytes(0x08, [2, 3, 4], pixels));
        var a = Idx.Read(dir.File("x-images-idx3-ubyte"));
        Assert.Equal(NpyDType.UInt8, a.DType);
        Assert.Equal([2, 3, 4], a.Shape);
        Assert.Equal(pixels, a.GetData<byte>());
    }

    [Fact]
    public void Idx_GzipWithoutGzExtension_IsDetectedByMagic()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("labels.bin"), Gzip(IdxBytes(0x08, [3], [7, 0, 9])));
        Assert.Equal([7, 0, 9], Idx.Read(dir.File("labels.bin")).GetData<byte>());
    }

    [Fact]
    public void Idx_BigEndianTypes_AreDecoded()
    {
        var i16 = new byte[4]; BinaryPrimitives.WriteInt16BigEndian(i16, -2); BinaryPrimitives.WriteInt16BigEndian(i16.AsSpan(2), 300);
        Assert.Equal([(short)-2, (short)300], Idx.Read(new MemoryStream(IdxBytes(0x0B, [2], i16)), "a").GetData<short>());
        var i32 = new byte[4]; BinaryPrimitives.WriteInt32BigEndian(i32, -70000);
        Assert.Equal([-70000], Idx.Read(new MemoryStream(IdxBytes(0x0C, [1], i32)), "b").GetData<int>());
        var f32 = new byte[4]; BinaryPrimitives.WriteSingleBigEndian(f32, 0.375f);
        Assert.Equal([0.375f], Idx.Read(new MemoryStream(IdxBytes(0x0D, [1], f32)), "c").GetData<float>());
        var f64 = new byte[8]; BinaryPrimitives.WriteDoubleBigEndian(f64, -1e-3);
        Assert.Equal([-1e-3], Idx.Read(new MemoryStream(IdxBytes(0x0E, [1, 1], f64)), "d").GetData<double>());
        Assert.Equal([(sbyte)-5], Idx.Read(new MemoryStream(IdxBytes(0x09, [1], [0xFB])), "e").GetData<sbyte>());
    }

    [Fact]
    public void Idx_HeaderClaimingBillionImages_FailsNamingClaimAndSize()
    {
        using var dir = new TempDir();
        string path = dir.File("train-images-idx3-ubyte.gz");
        File.WriteAllBytes(path, Gzip(IdxBytes(0x08, [1000000000, 28, 28], new byte[784 * 2])));
        var e = Assert.Throws<DataFormatException>(() => Idx.Read(path));
        Assert.Equal("train-images-idx3-ubyte.gz: offset 4 (dims): header claims 1000000000 images of 28×28 but the file holds 1584 bytes (and one array can hold at most 2147483591 bytes)", e.Message);
        Assert.Equal(4, e.Offset);
    }

    [Fact]
    public void Idx_MoreImagesClaimedThanPresent_ReportsBothSizes()
    {
        var e = Assert.Throws<DataFormatException>(() => Idx.Read(new MemoryStream(IdxBytes(0x08, [5, 28, 28], new byte[784 * 2])), "t.idx"));
        Assert.Equal("t.idx: offset 4 (dims): header claims 5 images of 28×28 (3936 bytes with the header) but the file holds 1584 bytes", e.Message);
    }

    [Fact]
    public void Idx_TruncatedAtSeveralOffsets_FailsEveryTime()
    {
        using var dir = new TempDir();
        var full = IdxBytes(0x08, [2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]);
        foreach (int cut in new[] { 0, 2, 4, 9, 15, 17, full.Length - 1 })
        {
            File.WriteAllBytes(dir.File("c"), full[..cut]);
            var e = Assert.Throws<DataFormatException>(() => Idx.Read(dir.File("c")));
            Assert.NotNull(e.Offset);
            File.WriteAllBytes(dir.File("c.gz"), Gzip(full[..cut]));
            Assert.Throws<DataFormatException>(() => Idx.Read(dir.File("c.gz")));
        }
    }

    [Fact]
    public void Idx_GarbledMagicAndUnknownType_AreNamed()
    {
        var e1 = Assert.Throws<DataFormatException>(() => Idx.Read(new MemoryStream([0x12, 0x34, 0x08, 0x01, 0, 0, 0, 0]), "g"));
        Assert.Equal("magic", e1.Field);
        var e2 = Assert.Throws<DataFormatException>(() => Idx.Read(new MemoryStream(IdxBytes(0x0A, [1], [0])), "h"));
        Assert.Equal("type", e2.Field);
        Assert.Contains("0x0A", e2.Message);
    }

    [Fact]
    public void Idx_TrailingBytes_AreAnError()
    {
        var e = Assert.Throws<DataFormatException>(() => Idx.Read(new MemoryStream(IdxBytes(0x08, [2], [1, 2, 3])), "t"));
        Assert.Contains("1 unexpected bytes follow the 2 labels", e.Message);
    }
}
