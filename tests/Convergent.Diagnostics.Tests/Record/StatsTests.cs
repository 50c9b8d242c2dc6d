namespace Convergent.Diagnostics.Tests;

public class StatsTests
{
    [Fact]
    public void OutlierDetector_ZScoreAgainstThePreviousWindow()
    {
        var d = new OutlierDetector(4);
        Assert.True(double.IsNaN(d.Update(1)));
        Assert.True(double.IsNaN(d.Update(2)));
        Assert.True(double.IsNaN(d.Update(3)));
        Assert.True(double.IsNaN(d.Update(4)));
        Assert.True(d.IsWarm);
        // window {1,2,3,4}: mean 2.5, population std √1.25
        Assert.Equal((10 - 2.5) / Math.Sqrt(1.25), d.Update(10), 12);
        // window is now {2,3,4,10}
        Assert.Equal(4.75, d.Mean, 12);
        Assert.True(double.IsNaN(d.Update(double.NaN)));
        Assert.Equal(4.75, d.Mean, 12);   // non-finite values are not added
    }

    [Fact]
    public void OutlierDetector_FlatWindow_GivesInfinityForAChange()
    {
        var d = new OutlierDetector(3);
        for (int i = 0; i < 3; i++) d.Update(5);
        Assert.Equal(0, d.Update(5));
        Assert.Equal(double.PositiveInfinity, d.Update(6));
    }

    [Fact]
    public void TheilSen_IgnoresAnOutlier_LeastSquaresDoesNot()
    {
        double[] y = [0, 1, 2, 3, 100, 5, 6];
        Assert.Equal(1, Trend.TheilSen(y).Slope, 12);
        Assert.True(Trend.LeastSquares(y).Slope > 3);
        var (s, i, res) = Trend.LeastSquares([1, 3, 5, 7]);
        Assert.Equal(2, s, 12); Assert.Equal(1, i, 12); Assert.Equal(0, res, 12);
    }

    [Fact]
    public void Robust_MedianMadQuantile()
    {
        Assert.Equal(2.5, Robust.Median([4, 1, 3, 2]));
        Assert.Equal(1, Robust.Mad([1, 2, 3, 4, 100]));
        Assert.Equal(3, Robust.Median([1, double.NaN, 3, 5]));
        Assert.Equal(1, Robust.ArgMin([3, 1, 1, 2]));
    }

    [Fact]
    public void EpochTable_NormalizesKerasNames_AndFillsMissingWithNaN()
    {
        var t = new EpochTable();
        t.Add(1, [new("loss", 1), new("acc", 0.5)]);
        t.Add(2, [new("loss", 0.8), new("val_acc", 0.6), new("learning_rate", 0.01)]);
        Assert.Equal(["loss", "accuracy", "val_accuracy", "lr"], t.Names);
        Assert.True(double.IsNaN(t.ValAccuracy[0]));
        Assert.Equal(0.6, t.ValAccuracy[1]);
        Assert.Equal("top_k_categorical_accuracy", EpochTable.NormalizeName("top_k_categorical_acc"));
        Assert.Throws<ArgumentException>(() => t.Add(2, []));
    }

    [Fact]
    public void Series_AppendsByStep_AndLooksUp()
    {
        var s = new Series("x");
        s.Add(0, 1); s.Add(5, 2); s.Add(9, 3);
        Assert.Equal(2, s.At(5));
        Assert.Null(s.At(4));
        Assert.Equal([2.0, 3], s.LastValues(2).ToArray());
        Assert.Throws<ArgumentException>(() => s.Add(3, 0));
    }

    [Fact]
    public void KerasCode_NumbersAsKerasUsersWriteThem()
    {
        Assert.Equal("1e-4", KerasCode.Number(1e-4));
        Assert.Equal("5e-4", KerasCode.Number(5e-4));
        Assert.Equal("0.01", KerasCode.Number(0.01));
        Assert.Equal("3", KerasCode.Number(3));
        Assert.Equal("optimizer=keras.optimizers.SGD(learning_rate=1e-3)", KerasCode.Optimizer("sgd", 0.001));
    }
}
