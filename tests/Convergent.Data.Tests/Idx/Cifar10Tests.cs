namespace Convergent.Data.Tests;

public class Cifar10Tests
{
    private static byte[] Record(byte label, Func<int, int, int, byte> pixel)
    {
        var r = new byte[Cifar10.RecordSize];
        r[0] = label;
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 32; y++)
                for (int x = 0; x < 32; x++) r[1 + c * 1024 + y * 32 + x] = pixel(c, y, x);
        return r;
    }

    [Fact]
    public void LoadFolder_Batches_TransposesChwToChannelsLast()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("data_batch_1.bin"), [.. Record(3, (c, y, x) => (byte)(c * 100 + y)), .. Record(9, (c, y, x) => (byte)x)]);
        File.WriteAllBytes(dir.File("data_batch_2.bin"), Record(0, (c, y, x) => 7));
        File.WriteAllBytes(dir.File("test_batch.bin"), Record(5, (c, y, x) => 1));
        var d = Cifar10.LoadFolder(dir.Path);
        Assert.Equal([3, 32, 32, 3], d.XTrain.Shape.ToArray());
        Assert.Equal([3f, 9f, 0f], d.YTrain.ToFloatArray());
        var x = d.XTrain.ToFloatArray();
        // Image 0, row 4, column 6: channels (R, G, B) = (0·100+4, 100+4, 200+4).
        int at = ((0 * 32 + 4) * 32 + 6) * 3;
        Assert.Equal([4f, 104f, 204f], x[at..(at + 3)]);
        int at1 = (((1 * 32) + 2) * 32 + 17) * 3;
        Assert.Equal([17f, 17f, 17f], x[at1..(at1 + 3)]);
        Assert.Equal([5f], d.YTest!.ToFloatArray());
        Assert.Equal("cat", d.ClassNames![3]);
    }

    [Fact]
    public void LoadFolder_SizeNotMultipleOfRecord_FailsWithLeftover()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("data_batch_1.bin"), [.. Record(1, (c, y, x) => 0), 1, 2, 3]);
        var e = Assert.Throws<DataFormatException>(() => Cifar10.LoadFolder(dir.Path));
        Assert.Contains("not a multiple of the 3073-byte record", e.Message);
        Assert.Contains("3 bytes left over", e.Message);
        Assert.Equal(3073, e.Offset);
    }

    [Fact]
    public void LoadFolder_LabelAbove9_FailsWithRecordOffset()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("data_batch_1.bin"), [.. Record(1, (c, y, x) => 0), .. Record(12, (c, y, x) => 0)]);
        var e = Assert.Throws<DataFormatException>(() => Cifar10.LoadFolder(dir.Path));
        Assert.Equal(3073, e.Offset);
        Assert.Equal("label", e.Field);
    }
}
