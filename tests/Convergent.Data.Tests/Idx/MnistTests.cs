namespace Convergent.Data.Tests;

public class MnistTests
{
    private static void WritePair(TempDir dir, string prefix, int n, bool gz, byte labelOffset = 0)
    {
        var pixels = Enumerable.Range(0, n * 28 * 28).Select(i => (byte)(i % 251)).ToArray();
        var labels = Enumerable.Range(0, n).Select(i => (byte)((i + labelOffset) % 10)).ToArray();
        var img = IdxTests.IdxBytes(0x08, [n, 28, 28], pixels);
        var lab = IdxTests.IdxBytes(0x08, [n], labels);
        File.WriteAllBytes(dir.File($"{prefix}-images-idx3-ubyte{(gz ? ".gz" : "")}"), gz ? IdxTests.Gzip(img) : img);
        File.WriteAllBytes(dir.File($"{prefix}-labels-idx1-ubyte{(gz ? ".gz" : "")}"), gz ? IdxTests.Gzip(lab) : lab);
    }

    [Fact]
    public void LoadFolder_TrainAndT10kPairs_GivesChannelsLastImagesAndLabels()
    {
        using var dir = new TempDir();
        WritePair(dir, "train", 3, gz: true);
        WritePair(dir, "t10k", 2, gz: false, labelOffset: 5);
        var d = Mnist.LoadFolder(dir.Path);
        Assert.Equal([3, 28, 28, 1], d.XTrain.Shape.ToArray());
        Assert.Equal([0f, 1f, 2f], d.YTrain.ToFloatArray());
        Assert.Equal([2, 28, 28, 1], d.XTest!.Shape.ToArray());
        Assert.Equal([5f, 6f], d.YTest!.ToFloatArray());
        Assert.Equal(250f, d.XTrain.ToFloatArray()[250]);
        Assert.Equal(0f, d.XTrain.ToFloatArray()[251]);
    }

    [Fact]
    public void LoadFolder_FlatNormalized_ScalesTo01()
    {
        using var dir = new TempDir();
        WritePair(dir, "train", 1, gz: false);
        var d = Mnist.LoadFolder(dir.Path, new MnistOptions { Layout = MnistLayout.Flat, Normalize = true });
        Assert.Equal([1, 784], d.XTrain.Shape.ToArray());
        Assert.Equal(250f / 255f, d.XTrain.ToFloatArray()[250]);
        Assert.Null(d.XTest);
    }

    [Fact]
    public void LoadFolder_LabelCountMismatch_NamesBothCounts()
    {
        using var dir = new TempDir();
        WritePair(dir, "train", 3, gz: false);
        File.WriteAllBytes(dir.File("train-labels-idx1-ubyte"), IdxTests.IdxBytes(0x08, [2], [1, 2]));
        var e = Assert.Throws<DataFormatException>(() => Mnist.LoadFolder(dir.Path));
        Assert.Contains("2 labels for 3 images", e.Message);
    }

    [Fact]
    public void LoadFolder_EmnistStylePrefixAndTestNaming_FindsBothPairs()
    {
        using var dir = new TempDir();
        WritePair(dir, "emnist-digits-train", 2, gz: true);
        WritePair(dir, "emnist-digits-test", 1, gz: true, labelOffset: 4);
        var d = Mnist.LoadFolder(dir.Path, new MnistOptions { Layout = MnistLayout.Plain });
        Assert.Equal([2, 28, 28], d.XTrain.Shape.ToArray());
        Assert.Equal([4f], d.YTest!.ToFloatArray());
    }

    [Fact]
    public void LoadFolder_NoTrainPair_FailsClearly()
    {
        using var dir = new TempDir();
        WritePair(dir, "test", 1, gz: false);
        var e = Assert.Throws<DataFormatException>(() => Mnist.LoadFolder(dir.Path));
        Assert.Contains("no train-images", e.Message);
    }
}
