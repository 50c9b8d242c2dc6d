using System.IO.Compression;

namespace Convergent.Data.Tests;

public class NpzTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Npz_WriteThenRead_KeepsNamesOrderAndValues(bool compressed)
    {
        using var dir = new TempDir();
        var arrays = new OrderedDictionary<string, NpyArray>
        {
            ["x_train"] = NpyArray.Create(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3),
            ["y"] = NpyArray.Create(new long[] { 7, -8 }, 2),
            ["flags"] = NpyArray.Create(new[] { true, false, true }, 3),
        };
        string path = dir.File("a.npz");
        Npz.Write(path, arrays, compressed);
        using (var zip = ZipFile.OpenRead(path))
        {
            Assert.Equal(["x_train.npy", "y.npy", "flags.npy"], zip.Entries.Select(e => e.FullName));
            Assert.All(zip.Entries, e => Assert.Equal(compressed, e.CompressedLength != e.Length));
        }
        var back = Npz.Read(path);
        Assert.Equal(["x_train", "y", "flags"], back.Keys);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], back["x_train"].GetData<float>());
        Assert.Equal([2, 3], back["x_train"].Shape);
        Assert.Equal([7L, -8L], back["y"].GetData<long>());
        Assert.Equal([true, false, true], back["flags"].GetData<bool>());
    }

    [Fact]
    public void Npz_NotAZip_FailsWithDataFormatException()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("bad.npz"), [1, 2, 3, 4, 5, 6, 7, 8]);
        var e = Assert.Throws<DataFormatException>(() => Npz.Read(dir.File("bad.npz")));
        Assert.Contains("not a valid .npz", e.Message);
    }

    [Fact]
    public void Npz_MemberWithLyingShape_NamesTheMember()
    {
        using var dir = new TempDir();
        string path = dir.File("lie.npz");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            var entry = zip.CreateEntry("w.npy", CompressionLevel.Optimal);
            using var s = entry.Open();
            s.Write(NpyTests.Build("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,), }", [1, 2]));
        }
        var e = Assert.Throws<DataFormatException>(() => Npz.Read(path));
        Assert.Contains("lie.npz[w.npy]", e.Message);
        Assert.Equal("shape", e.Field);
    }

    [Fact]
    public void Npz_TruncatedArchive_FailsWithDataFormatException()
    {
        using var dir = new TempDir();
        string path = dir.File("t.npz");
        Npz.Write(path, new Dictionary<string, NpyArray> { ["a"] = NpyArray.Create(new double[100], 100) }, compressed: true);
        var full = File.ReadAllBytes(path);
        File.WriteAllBytes(path, full[..(full.Length / 2)]);
        Assert.Throws<DataFormatException>(() => Npz.Read(path));
    }
}
