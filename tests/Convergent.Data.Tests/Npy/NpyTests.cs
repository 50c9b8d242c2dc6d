using System.Buffers.Binary;
using System.Text;
using Convergent.Tensors;

namespace Convergent.Data.Tests;

public class NpyTests
{
    private static NpyArray Sample(NpyDType t, int[] shape)
    {
        int n = shape.Aggregate(1, (a, b) => a * b);
        // Values chosen per type to exercise sign, the high byte and fractions.
        return t switch
        {
            NpyDType.Bool => NpyArray.Create(Enumerable.Range(0, n).Select(i => i % 3 == 0).ToArray(), shape),
            NpyDType.Int8 => NpyArray.Create(Enumerable.Range(0, n).Select(i => (sbyte)(i * 37 - 100)).ToArray(), shape),
            NpyDType.Int16 => NpyArray.Create(Enumerable.Range(0, n).Select(i => (short)(i * 1237 - 20000)).ToArray(), shape),
            NpyDType.Int32 => NpyArray.Create(Enumerable.Range(0, n).Select(i => i * 123457 - 1000000).ToArray(), shape),
            NpyDType.Int64 => NpyArray.Create(Enumerable.Range(0, n).Select(i => (long)i * 98765432109L - 5).ToArray(), shape),
            NpyDType.UInt8 => NpyArray.Create(Enumerable.Range(0, n).Select(i => (byte)(i * 41)).ToArray(), shape),
            NpyDType.UInt16 => NpyArray.Create(Enumerable.Range(0, n).Select(i => (ushort)(i * 4099)).ToArray(), shape),
            NpyDType.UInt32 => NpyArray.Create(Enumerable.Range(0, n).Select(i => (uint)i * 300000007u).ToArray(), shape),
            NpyDType.UInt64 => NpyArray.Create(Enumerable.Range(0, n).Select(i => (ulong)i * 0x0123456789ABCDEFul).ToArray(), shape),
            NpyDType.Float16 => NpyArray.Create(Enumerable.Range(0, n).Select(i => (Half)(i * 0.25 - 1)).ToArray(), shape),
            NpyDType.Float32 => NpyArray.Create(Enumerable.Range(0, n).Select(i => i * 1.5f - 3.25f).ToArray(), shape),
            _ => NpyArray.Create(Enumerable.Range(0, n).Select(i => Math.PI * i - 1e300 * (i % 2)).ToArray(), shape),
        };
    }

    public static TheoryData<NpyDType, int, bool, bool> AllCombinations()
    {
        var data = new TheoryData<NpyDType, int, bool, bool>();
        foreach (var t in Enum.GetValues<NpyDType>())
            foreach (int version in new[] { 1, 2, 3 })
                foreach (bool big in new[] { false, true })
                    foreach (bool fortran in new[] { false, true })
                        data.Add(t, version, big, fortran);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllCombinations))]
    public void Npy_WriteThenRead_RoundTripsEveryDTypeVersionOrderAndEndianness(NpyDType t, int version, bool big, bool fortran)
    {
        using var dir = new TempDir();
        var a = Sample(t, [2, 3, 4]);
        string path = dir.File("a.npy");
        Npy.Write(path, a, new NpyWriteOptions { Version = version, BigEndian = big, FortranOrder = fortran });
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(version, bytes[6]);
        int headerLen = version == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)) : (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        Assert.Equal(0, ((version == 1 ? 10 : 12) + headerLen) % 64); // numpy aligns the data to 64 bytes
        var b = Npy.Read(path);
        Assert.Equal(t, b.DType);
        Assert.Equal([2, 3, 4], b.Shape);
        Assert.Equal(a.Data.GetType(), b.Data.GetType());
        Assert.Equal(a.Data.Cast<object>(), b.Data.Cast<object>());
    }

    [Fact]
    public void ToDoubleArray_UnsignedAboveSignedRange_StaysPositive()
    {
        // Guards against the CLR's int[]/uint[] array covariance sneaking into type dispatch.
        Assert.Equal([4_000_000_000.0], NpyArray.Create(new[] { 4_000_000_000u }, 1).ToDoubleArray());
        Assert.Equal([250.0], NpyArray.Create(new byte[] { 250 }, 1).ToDoubleArray());
        Assert.Equal([-6.0], NpyArray.Create(new sbyte[] { -6 }, 1).ToDoubleArray());
        Assert.Equal([65535f], NpyArray.Create(new ushort[] { 65535 }, 1).ToTensor().ToFloatArray());
        Assert.Throws<InvalidCastException>(() => NpyArray.Create(new uint[] { 1 }, 1).GetData<int>());
    }

    [Fact]
    public void Npy_FortranOrder_IsConvertedToCOrder()
    {
        // A 2x3 matrix [[0,1,2],[3,4,5]] stored column-major is 0 3 1 4 2 5.
        var bytes = Build("{'descr': '<i4', 'fortran_order': True, 'shape': (2, 3), }", [0, 3, 1, 4, 2, 5]);
        var a = Npy.Read(new MemoryStream(bytes), "f.npy");
        Assert.Equal([0, 1, 2, 3, 4, 5], a.GetData<int>());
    }

    [Fact]
    public void Npy_BigEndianFloat_IsSwapped()
    {
        var payload = new byte[8];
        BinaryPrimitives.WriteSingleBigEndian(payload, 1.5f);
        BinaryPrimitives.WriteSingleBigEndian(payload.AsSpan(4), -2f);
        var a = Npy.Read(new MemoryStream(BuildRaw("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", payload)), "b.npy");
        Assert.Equal([1.5f, -2f], a.GetData<float>());
    }

    [Fact]
    public void Npy_HeaderWithWhitespaceDoubleQuotesAndPython2Longs_IsAccepted()
    {
        var a = Npy.Read(new MemoryStream(Build("{ \"shape\" : (3L, ) ,\"fortran_order\":False, \"descr\": \"<i4\" }", [7, 8, 9])), "x.npy");
        Assert.Equal([3], a.Shape);
        Assert.Equal([7, 8, 9], a.GetData<int>());
    }

    [Fact]
    public void Npy_ScalarAndEmpty_RoundTrip()
    {
        using var dir = new TempDir();
        Npy.Write(dir.File("s.npy"), NpyArray.Create(new[] { 4.5 }));
        var s = Npy.Read(dir.File("s.npy"));
        Assert.Empty(s.Shape);
        Assert.Equal(4.5, s.GetData<double>()[0]);
        Npy.Write(dir.File("e.npy"), NpyArray.Create(Array.Empty<float>(), 0, 5));
        Assert.Equal([0, 5], Npy.Read(dir.File("e.npy")).Shape);
    }

    [Fact]
    public void Npy_Version3Utf8Header_IsDecoded()
    {
        var bytes = BuildRaw("{'descr': '<u2', 'fortran_order': False, 'shape': (1,), }", [1, 2], major: 3);
        Assert.Equal([(ushort)0x0201], Npy.Read(new MemoryStream(bytes), "v3.npy").GetData<ushort>());
    }

    [Fact]
    public void ToTensor_Int16Array_GivesFloat32TensorOfSameShape()
    {
        var t = NpyArray.Create(new short[] { -3, 0, 7, 100 }, 2, 2).ToTensor();
        Assert.Equal(DType.Float32, t.DType);
        Assert.Equal(new Shape(2, 2), t.Shape);
        Assert.Equal([-3f, 0f, 7f, 100f], t.ToFloatArray());
        Assert.Equal(DType.Float64, NpyArray.Create(new[] { 1f }, 1).ToTensor(DType.Float64).DType);
    }

    [Fact]
    public void FromTensor_Float32Tensor_KeepsValuesAndShape()
    {
        var a = NpyArray.FromTensor(Tensor.FromArray(new[] { 1f, 2f, 3f, 4f, 5f, 6f }, 3, 2));
        Assert.Equal(NpyDType.Float32, a.DType);
        Assert.Equal([3, 2], a.Shape);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], a.GetData<float>());
    }

    // ---------- bad input ----------

    [Fact]
    public void Npy_HeaderClaimingTrillionElements_FailsBeforeAllocating()
    {
        var bytes = Build("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 1000000), }", [1, 2]);
        var e = Assert.Throws<DataFormatException>(() => Npy.Read(new MemoryStream(bytes), "big.npy"));
        Assert.Equal("shape", e.Field);
        Assert.Contains("(1000000, 1000000)", e.Message);
    }

    [Fact]
    public void Npy_HeaderClaimingMoreThanFileHolds_NamesBothSizes()
    {
        var bytes = Build("{'descr': '<f4', 'fortran_order': False, 'shape': (1000, 1000), }", [1, 2]);
        var e = Assert.Throws<DataFormatException>(() => Npy.Read(new MemoryStream(bytes), "claim.npy"));
        Assert.Contains("4000000 bytes", e.Message);
        Assert.Contains("only 8 bytes follow", e.Message);
        Assert.Equal(128, e.Offset); // the long shape pushes the padded header to 128 bytes
    }

    [Fact]
    public void Npy_NonSeekableStreamWithLyingHeader_ReportsBytesPresent()
    {
        var bytes = Build("{'descr': '<f4', 'fortran_order': False, 'shape': (100000000,), }", [1, 2, 3]);
        var e = Assert.Throws<DataFormatException>(() => Npy.Read(new NonSeekable(bytes), "pipe"));
        Assert.Contains("only 12 bytes follow", e.Message);
    }

    [Fact]
    public void Npy_TruncatedAtEveryRegion_FailsWithOffset()
    {
        using var dir = new TempDir();
        string path = dir.File("t.npy");
        Npy.Write(path, NpyArray.Create(new float[] { 1, 2, 3, 4 }, 4));
        var full = File.ReadAllBytes(path);
        foreach (int cut in new[] { 0, 3, 7, 9, 30, 64, 70, full.Length - 1 })
        {
            File.WriteAllBytes(path, full[..cut]);
            var e = Assert.Throws<DataFormatException>(() => Npy.Read(path));
            Assert.Equal(path, e.File);
            Assert.NotNull(e.Offset);
        }
    }

    [Fact]
    public void Npy_GarbledMagic_NamesTheBytes()
    {
        var bytes = Build("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", [0, 0, 0, 0]);
        bytes[1] = (byte)'X';
        var e = Assert.Throws<DataFormatException>(() => Npy.Read(new MemoryStream(bytes), "m.npy"));
        Assert.Equal("magic", e.Field);
        Assert.Equal(0, e.Offset);
        Assert.Contains("93 58 55 4D 50 59", e.Message);
    }

    [Theory]
    [InlineData("<c8")]
    [InlineData("<f3")]
    [InlineData("|f4")]
    [InlineData("<U10")]
    [InlineData("O")]
    public void Npy_UnsupportedDescr_FailsNamingDescr(string descr)
    {
        var bytes = Build($"{{'descr': '{descr}', 'fortran_order': False, 'shape': (1,), }}", [0, 0, 0, 0, 0, 0, 0, 0]);
        var e = Assert.Throws<DataFormatException>(() => Npy.Read(new MemoryStream(bytes), "d.npy"));
        Assert.Equal("descr", e.Field);
        Assert.Contains($"'{descr}'", e.Message);
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'shape': (1,), }", "no 'fortran_order'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'extra': 1}", "unexpected key 'extra'")]
    [InlineData("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (1,)}", "duplicate key 'descr'")]
    [InlineData("{'descr': '<f4', 'fortran_order': 0, 'shape': (1,)}", "True or False")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1)}", "not a tuple")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,)}", "non-negative")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999,)}", "larger than")]
    [InlineData("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,)}", "structured")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1,)} junk", "after the header dict")]
    [InlineData("['descr']", "dict literal")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1,", "ends early")]
    public void Npy_MalformedHeaderDict_FailsWithReason(string header, string expected)
    {
        var bytes = Build(header, [0, 0, 0, 0]);
        var e = Assert.Throws<DataFormatException>(() => Npy.Read(new MemoryStream(bytes), "h.npy"));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Npy_UnsupportedVersion_FailsNamingVersion()
    {
        var bytes = Build("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", [0, 0, 0, 0]);
        bytes[6] = 4;
        var e = Assert.Throws<DataFormatException>(() => Npy.Read(new MemoryStream(bytes), "v.npy"));
        Assert.Equal("version", e.Field);
        Assert.Contains("4.0", e.Message);
    }

    [Fact]
    public void Npy_HugeHeaderLength_FailsWithoutReadingIt()
    {
        var bytes = BuildRaw("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", [0, 0, 0, 0], major: 2);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), 0xFFFFFFF0);
        var e = Assert.Throws<DataFormatException>(() => Npy.Read(new MemoryStream(bytes), "l.npy"));
        Assert.Equal("header_len", e.Field);
    }

    [Fact]
    public void Npy_TrailingBytesInFile_AreAnError()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("x.npy"), [.. BuildRaw("{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", [1, 2]), 9]);
        var e = Assert.Throws<DataFormatException>(() => Npy.Read(dir.File("x.npy")));
        Assert.Contains("1 unexpected bytes", e.Message);
    }

    /// <summary>Builds a version 1.0 file whose payload is little-endian int32 values.</summary>
    internal static byte[] Build(string dict, int[] values)
    {
        var payload = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(i * 4), values[i]);
        return BuildRaw(dict, payload);
    }

    internal static byte[] BuildRaw(string dict, byte[] payload, int major = 1)
    {
        var ms = new MemoryStream();
        ms.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0]);
        int pre = major == 1 ? 10 : 12;
        int total = pre + Encoding.UTF8.GetByteCount(dict) + 1;
        string header = dict + new string(' ', (total + 63) / 64 * 64 - total) + "\n";
        var h = Encoding.UTF8.GetBytes(header);
        var len = new byte[major == 1 ? 2 : 4];
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(len, (ushort)h.Length); else BinaryPrimitives.WriteUInt32LittleEndian(len, (uint)h.Length);
        ms.Write(len);
        ms.Write(h);
        ms.Write(payload);
        return ms.ToArray();
    }

    private sealed class NonSeekable(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => base.Position; set => throw new NotSupportedException(); }
    }
}
