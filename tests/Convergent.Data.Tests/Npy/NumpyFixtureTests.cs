namespace Convergent.Data.Tests;

/// <summary>Reads files written by numpy 1.24 itself (Fixtures/make-npy-fixtures.py).</summary>
public class NumpyFixtureTests
{
    private static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "npy", name);

    /// <summary>The generator's formula: v = (i·7 mod 23) − 11; unsigned +11; float /4; bool v mod 3 = 0.</summary>
    private static double[] Expected(int n, string code) => Enumerable.Range(0, n).Select(i =>
    {
        int v = i * 7 % 23 - 11;
        return code[0] switch
        {
            'b' => v % 3 == 0 ? 1.0 : 0.0,
            'u' => v + 11,
            'f' => v / 4.0,
            _ => (double)v,
        };
    }).ToArray();

    public static TheoryData<string> Files()
    {
        var d = new TheoryData<string>();
        foreach (var code in new[] { "b1", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f2", "f4", "f8" })
            foreach (var order in code is "b1" or "i1" or "u1" ? new[] { "le" } : new[] { "le", "be" })
                foreach (var layout in new[] { "c", "f" })
                    d.Add($"{code}-{order}-{layout}.npy");
        return d;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Read_NumpyWrittenFile_GivesFormulaValuesInCOrder(string name)
    {
        var a = Npy.Read(Path(name));
        Assert.Equal([2, 3, 4], a.Shape);
        string code = name[..2];
        var expectedType = code switch
        {
            "b1" => NpyDType.Bool, "i1" => NpyDType.Int8, "i2" => NpyDType.Int16, "i4" => NpyDType.Int32, "i8" => NpyDType.Int64,
            "u1" => NpyDType.UInt8, "u2" => NpyDType.UInt16, "u4" => NpyDType.UInt32, "u8" => NpyDType.UInt64,
            "f2" => NpyDType.Float16, "f4" => NpyDType.Float32, _ => NpyDType.Float64,
        };
        Assert.Equal(expectedType, a.DType);
        Assert.Equal(Expected(24, code), a.ToDoubleArray());
    }

    [Theory]
    [InlineData("f4-v2.npy")]
    [InlineData("f4-v3.npy")]
    public void Read_NumpyVersion2And3Files_AreDecoded(string name)
    {
        var a = Npy.Read(Path(name));
        Assert.Equal(Expected(24, "f4"), a.ToDoubleArray());
    }

    [Fact]
    public void Read_NumpyScalarAndEmpty_HaveNumpyShapes()
    {
        var s = Npy.Read(Path("f8-scalar.npy"));
        Assert.Empty(s.Shape);
        Assert.Equal([2.5], s.GetData<double>());
        Assert.Equal([0, 3], Npy.Read(Path("f4-empty.npy")).Shape);
    }

    [Theory]
    [InlineData("stored.npz")]
    [InlineData("compressed.npz")]
    public void NpzRead_NumpySavez_GivesNamedArraysInOrder(string name)
    {
        var d = Npz.Read(Path(name));
        Assert.Equal(["x", "y", "flags"], d.Keys);
        Assert.Equal([4, 2], d["x"].Shape);
        Assert.Equal(Expected(8, "f4"), d["x"].ToDoubleArray());
        Assert.Equal(NpyDType.Int64, d["y"].DType);
        Assert.Equal(Expected(4, "i8"), d["y"].ToDoubleArray());
        Assert.Equal([false, false, true], d["flags"].GetData<bool>()); // v = −11, −4, 3
    }

    [Fact]
    public void Write_Float32Array_IsByteIdenticalToNumpySave()
    {
        using var dir = new TempDir();
        var a = Npy.Read(Path("f4-le-c.npy"));
        Npy.Write(dir.File("ours.npy"), a);
        Assert.Equal(File.ReadAllBytes(Path("f4-le-c.npy")), File.ReadAllBytes(dir.File("ours.npy")));
    }
}
