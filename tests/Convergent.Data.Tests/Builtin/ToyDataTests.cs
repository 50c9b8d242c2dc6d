namespace Convergent.Data.Tests;

public class ToyDataTests
{
    [Fact]
    public void TwoCurves_IsUserStory5Exactly()
    {
        var d = ToyData.TwoCurves();
        Assert.Equal([512, 2], d.XTrain.Shape.ToArray());
        var x = d.XTrain.ToFloatArray();
        var y = d.YTrain.ToFloatArray();
        Assert.Equal(Enumerable.Repeat(0f, 256).Concat(Enumerable.Repeat(1f, 256)), y);
        // numpy.linspace(0, 2π, 256): step 2π/255, last value exactly 2π.
        Assert.Equal(0f, x[0]);
        Assert.Equal((float)(2 * Math.PI / 255), x[2]);
        Assert.Equal((float)(2 * Math.PI), x[255 * 2]);
        Assert.Equal(1.8f, x[1]);                                  // cos(0) + 0.8
        Assert.Equal(0.2f, x[256 * 2 + 1], 6);                     // class 1 at x = 0: cos(0) − 0.8
        Assert.Equal((float)(Math.Cos(1.2 * 100 * 2 * Math.PI / 255) + 0.8), x[100 * 2 + 1]);
        Assert.Equal(x[100 * 2], x[(256 + 100) * 2]);              // both curves share the x grid
    }

    [Fact]
    public void Generators_SameSeed_SameData_DifferentSeed_DifferentData()
    {
        Assert.Equal(ToyData.Spirals(seed: 1).XTrain.ToFloatArray(), ToyData.Spirals(seed: 1).XTrain.ToFloatArray());
        Assert.NotEqual(ToyData.Xor(seed: 1).XTrain.ToFloatArray(), ToyData.Xor(seed: 2).XTrain.ToFloatArray());
        Assert.NotEqual(ToyData.Blobs(seed: 1).XTrain.ToFloatArray(), ToyData.Blobs(seed: 2).XTrain.ToFloatArray());
    }

    [Fact]
    public void Xor_WithoutNoise_LabelIsOppositeSigns()
    {
        var d = ToyData.Xor(100, noise: 0, seed: 5);
        var x = d.XTrain.ToFloatArray();
        var y = d.YTrain.ToFloatArray();
        for (int i = 0; i < 100; i++) Assert.Equal(x[2 * i] * x[2 * i + 1] < 0 ? 1f : 0f, y[i]);
        Assert.InRange(y.Sum(), 30, 70);
    }

    [Fact]
    public void Circles_WithoutNoise_RadiiAreOneAndFactor()
    {
        var d = ToyData.Circles(50, noise: 0, factor: 0.3);
        var x = d.XTrain.ToFloatArray();
        var y = d.YTrain.ToFloatArray();
        for (int i = 0; i < 50; i++)
            Assert.Equal(y[i] == 0 ? 1.0 : 0.3, Math.Sqrt(x[2 * i] * x[2 * i] + x[2 * i + 1] * x[2 * i + 1]), 5);
        Assert.Equal(25, y.Count(v => v == 0));
    }

    [Fact]
    public void Spirals_WithoutNoise_PointsLieOnTheirArm()
    {
        var d = ToyData.Spirals(samplesPerClass: 10, classes: 2, noise: 0);
        var x = d.XTrain.ToFloatArray();
        // Class 1, index 9: r = 1, t = 8 → (sin 8, cos 8).
        Assert.Equal((float)Math.Sin(8), x[19 * 2], 6);
        Assert.Equal((float)Math.Cos(8), x[19 * 2 + 1], 6);
    }

    [Fact]
    public void Blobs_PointsClusterAroundTheirCentre()
    {
        var d = ToyData.Blobs(n: 301, centers: 3, std: 0.01, seed: 4);
        var x = d.XTrain.ToFloatArray();
        var y = d.YTrain.ToFloatArray();
        Assert.Equal([101, 100, 100], Enumerable.Range(0, 3).Select(c => y.Count(v => v == c)));
        for (int c = 0; c < 3; c++)
        {
            var pts = Enumerable.Range(0, 301).Where(i => y[i] == c).ToArray();
            double mx = pts.Average(i => x[2 * i]);
            Assert.All(pts, i => Assert.InRange(x[2 * i] - mx, -0.1, 0.1));
        }
    }
}
