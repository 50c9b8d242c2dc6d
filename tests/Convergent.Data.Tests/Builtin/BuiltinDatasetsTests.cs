namespace Convergent.Data.Tests;

public class BuiltinDatasetsTests
{
    [Fact]
    public void Load_Mnist10k_HasDocumentedShapesAndClassCounts()
    {
        var d = BuiltinDatasets.Load("builtin:mnist-10k");
        Assert.Equal([8000, 28, 28, 1], d.XTrain.Shape.ToArray());
        Assert.Equal([2000, 28, 28, 1], d.XTest!.Shape.ToArray());
        // Class counts from shared/data/README.md.
        int[] train = [791, 914, 791, 832, 786, 698, 795, 863, 743, 787];
        int[] test = [210, 213, 200, 200, 194, 165, 219, 207, 201, 191];
        Assert.Equal(train, Enumerable.Range(0, 10).Select(c => d.YTrain.ToFloatArray().Count(v => v == c)));
        Assert.Equal(test, Enumerable.Range(0, 10).Select(c => d.YTest!.ToFloatArray().Count(v => v == c)));
        var x = d.XTrain.ToFloatArray();
        Assert.Equal(0f, x.Min());
        Assert.Equal(255f, x.Max());
    }

    [Theory]
    [InlineData("iris", 150, 4, 3)]
    [InlineData("wine", 178, 13, 3)]
    [InlineData("breast-cancer", 569, 30, 2)]
    [InlineData("digits", 1797, 64, 10)]
    public void Load_Tables_HaveDocumentedShapes(string name, int rows, int features, int classes)
    {
        var d = BuiltinDatasets.Load(name);
        Assert.Equal([rows, features], d.XTrain.Shape.ToArray());
        Assert.Equal([rows], d.YTrain.Shape.ToArray());
        Assert.Equal(classes, d.ClassNames!.Count);
        Assert.Equal(classes - 1, d.YTrain.ToFloatArray().Max());
        Assert.Null(d.XTest);
    }

    [Fact]
    public void Load_BreastCancer_KeepsCountLineClassNames()
    {
        Assert.Equal(["malignant", "benign"], BuiltinDatasets.Load("breast-cancer").ClassNames);
    }

    [Fact]
    public void Load_UnknownName_ListsAvailable()
    {
        var e = Assert.Throws<ArgumentException>(() => BuiltinDatasets.Load("cifar100"));
        Assert.Contains("mnist-10k", e.Message);
    }

    [Theory]
    [InlineData("builtin:two-curves", 512)]
    [InlineData("builtin:spirals", 300)]
    [InlineData("xor", 200)]
    [InlineData("circles", 200)]
    [InlineData("blobs", 300)]
    public void Load_ToyNames_ReachGenerators(string name, int n)
    {
        var d = BuiltinDatasets.Load(name, seed: 3);
        Assert.Equal([n, 2], d.XTrain.Shape.ToArray());
        Assert.Equal(d.XTrain.ToFloatArray(), BuiltinDatasets.Load(name, seed: 3).XTrain.ToFloatArray());
    }

    [Theory]
    [InlineData("builtin:cifar-shaped:600", 600)]
    [InlineData("BUILTIN:Cifar-Shaped:10", 10)]
    [InlineData("blobs:50", 50)]
    [InlineData("large-images:60000", 60000)]
    public void Load_SizedName_HasThatManySamples(string name, int n)
    {
        var d = BuiltinDatasets.Load(name, seed: 3);
        Assert.Equal(n, d.XTrain.Shape[0]);
        Assert.Equal(n, d.YTrain.Shape[0]);
    }

    [Theory]
    [InlineData("cifar-shaped:9", "from 10 to 60,000")]
    [InlineData("cifar-shaped:60001", "from 10 to 60,000")]
    [InlineData("cifar-shaped:-5", "from 10 to 60,000")]
    [InlineData("cifar-shaped:1e3", "from 10 to 60,000")]
    [InlineData("cifar-shaped:", "from 10 to 60,000")]
    [InlineData("iris:100", "fixed size")]
    [InlineData("cifar100:100", "Unknown built-in data set 'cifar100'")]
    public void Load_BadSizedName_SaysWhy(string name, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => BuiltinDatasets.Load(name));
        Assert.Contains(message, e.Message);
    }
}
