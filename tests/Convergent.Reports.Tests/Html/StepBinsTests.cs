using Convergent.Reports.Html;

namespace Convergent.Reports.Tests;

public class StepBinsTests
{
    [Fact]
    public void Over_FewerStepsThanTheCap_IsOneBinPerStep()
    {
        long[] steps = [0, 1, 2, 3, 4];
        var b = StepBins.Over(steps, 300);
        Assert.Equal(5, b.Count);
        Assert.Equal(steps, Enumerable.Range(0, 5).Select(b.Start));
        Assert.Equal([1.5, 2.5, double.NaN, 4.5, 5.5], b.Means(steps, [1.5, 2.5, double.NaN, 4.5, 5.5]));
    }

    [Fact]
    public void Over_SampledEverySecondStep_KeepsOneValuePerBin()
    {
        long[] steps = [10, 12, 14, 16];
        var b = StepBins.Over(steps, 300);
        Assert.Equal(4, b.Count);
        Assert.Equal(17, b.End);
        Assert.Equal([1.0, 2, 3, 4], b.Means(steps, [1.0, 2, 3, 4]));
    }

    [Fact]
    public void Over_MoreStepsThanTheCap_AveragesEachBin()
    {
        var steps = Enumerable.Range(0, 1000).Select(i => (long)i).ToArray();
        var values = steps.Select(s => (double)s).ToArray();
        var b = StepBins.Over(steps, 100);
        Assert.Equal(100, b.Count);
        var means = b.Means(steps, values);
        // bin i holds steps 10i … 10i + 9, whose mean is 10i + 4.5
        Assert.Equal(Enumerable.Range(0, 100).Select(i => 10 * i + 4.5), means);
        Assert.All(steps, s => Assert.Equal((int)(s / 10), b.IndexOf(s)));
    }
}
