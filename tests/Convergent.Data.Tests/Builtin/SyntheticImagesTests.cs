using Convergent.Data;
using Convergent.Tensors;

namespace Convergent.Data.Tests;

public class SyntheticImagesTests
{
    [Fact]
    public void BookCovers_ShapeRangeAndBalance_MatchUserStory1()
    {
        var ds = BuiltinDatasets.Load("builtin:book-covers");
        Assert.Equal(new Shape(600, 70, 52, 3), ds.XTrain.Shape);
        var x = ds.XTrain.ToFloatArray();
        Assert.Equal(0f, x.Min());
        Assert.Equal(255f, x.Max());
        Assert.All(x.Take(5000), v => Assert.Equal(Math.Round(v), v));   // raw integer pixel values
        Assert.Equal(300, ds.YTrain.ToFloatArray().Count(v => v == 1));
    }

    [Fact]
    public void LargeImages_ClassShare_IsTheStuckAccuracyOfUserStory2()
    {
        var ds = SyntheticImages.LargeImages(count: 400, size: 32);
        Assert.Equal(new Shape(400, 32, 32, 1), ds.XTrain.Shape);
        double share = ds.YTrain.ToFloatArray().Count(v => v == 1) / 400.0;
        Assert.Equal(0.4475, share, 3);   // round(400 · 0.4473) = 179 → 0.4475
    }

    [Fact]
    public void CifarShaped_ScaledTenClassesDeterministic()
    {
        var a = SyntheticImages.CifarShaped(count: 200, seed: 3);
        var b = SyntheticImages.CifarShaped(count: 200, seed: 3);
        Assert.Equal(new Shape(200, 32, 32, 3), a.XTrain.Shape);
        Assert.Equal(a.XTrain.ToFloatArray(), b.XTrain.ToFloatArray());
        Assert.InRange(a.XTrain.ToFloatArray().Max(), 0.9f, 1f);
        Assert.Equal(10, a.YTrain.ToFloatArray().Distinct().Count());
        Assert.NotEqual(a.XTrain.ToFloatArray(), SyntheticImages.CifarShaped(count: 200, seed: 4).XTrain.ToFloatArray());
    }
}
