using Convergent.Tensors;

namespace Convergent.Data.Tests;

public class DataSplitTests
{
    private static (Tensor X, Tensor Y) Rows(int n) =>
        (Tensor.FromArray(Enumerable.Range(0, n * 2).Select(i => (float)i).ToArray(), n, 2), Tensor.FromArray(Enumerable.Range(0, n).Select(i => (float)i).ToArray(), n));

    [Theory]
    // Keras 3: split_at = floor(N * (1 - validation_split)).
    [InlineData(512, 0.2, 409)]   // 512·0.8 = 409.6 → 409 train, 103 validation (user story 5)
    [InlineData(10, 0.3, 7)]      // 10·0.7 = 7.000000000000001 in double → 7
    [InlineData(100, 0.1, 90)]    // 100·0.9 = 90.0
    [InlineData(3, 0.5, 1)]
    public void ValidationSplit_TakesLastRowsAtKerasIndex(int n, double split, int expectedTrain)
    {
        var (x, y) = Rows(n);
        var (xt, yt, xv, yv) = DataSplit.ValidationSplit(x, y, split);
        Assert.Equal(expectedTrain, xt.Shape[0]);
        Assert.Equal(n - expectedTrain, yv.Shape[0]);
        Assert.Equal(expectedTrain, yv.ToFloatArray()[0]);
        Assert.Equal(n - 1, yv.ToFloatArray()[^1]);
        Assert.Equal(2f * expectedTrain, xv.ToFloatArray()[0]);
        Assert.Equal(Enumerable.Range(0, expectedTrain).Select(i => (float)i), yt.ToFloatArray());
    }

    [Fact]
    public void ValidationSplit_OnTwoCurves_ValidationHoldsOnlyClass1WithLargestX()
    {
        var d = ToyData.TwoCurves();
        var (_, yt, xv, yv) = DataSplit.ValidationSplit(d.XTrain, d.YTrain, 0.2);
        Assert.Equal(409, yt.Shape[0]);
        Assert.All(yv.ToFloatArray(), v => Assert.Equal(1f, v));
        // The validation points are the last 103 of the class-1 curve: x from linspace index 153 on.
        Assert.Equal((float)(153 * 2 * Math.PI / 255), xv.ToFloatArray()[0]);
    }

    [Fact]
    public void ValidationSplit_TooFewSamples_Throws()
    {
        // floor(1 · 0.5) = 0 rows left for training, which Keras rejects too.
        var (x, y) = Rows(1);
        Assert.Throws<ArgumentException>(() => DataSplit.ValidationSplit(x, y, 0.5));
    }

    [Fact]
    public void TrainTestSplit_Seeded_IsDeterministicDisjointAndCeilSized()
    {
        var (x, y) = Rows(10);
        var a = DataSplit.TrainTestSplit(x, y, 0.25, seed: 7);
        var b = DataSplit.TrainTestSplit(x, y, 0.25, seed: 7);
        Assert.Equal(3, a.YTest.Shape[0]); // ceil(2.5)
        Assert.Equal(a.YTest.ToFloatArray(), b.YTest.ToFloatArray());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (float)i), a.YTrain.ToFloatArray().Concat(a.YTest.ToFloatArray()).Order());
        // x rows stay paired with y.
        var yr = a.YTrain.ToFloatArray();
        var xr = a.XTrain.ToFloatArray();
        for (int i = 0; i < yr.Length; i++) Assert.Equal(2 * yr[i], xr[2 * i]);
        Assert.NotEqual(a.YTest.ToFloatArray(), DataSplit.TrainTestSplit(x, y, 0.25, seed: 8).YTest.ToFloatArray());
    }

    [Fact]
    public void TrainTestSplit_Stratified_KeepsClassProportions()
    {
        var x = Tensor.FromArray(new float[40], 20, 2);
        var y = Tensor.FromArray(Enumerable.Range(0, 20).Select(i => i < 10 ? 0f : 1f).ToArray(), 20);
        var s = DataSplit.TrainTestSplit(x, y, 0.2, seed: 1, stratify: true);
        Assert.Equal(2, s.YTest.ToFloatArray().Count(v => v == 0));
        Assert.Equal(2, s.YTest.ToFloatArray().Count(v => v == 1));
    }

    [Fact]
    public void TrainTestSplit_NoShuffle_TestIsLastRows()
    {
        var (x, y) = Rows(5);
        var s = DataSplit.TrainTestSplit(x, y, 0.4, shuffle: false);
        Assert.Equal([3f, 4f], s.YTest.ToFloatArray());
    }
}
