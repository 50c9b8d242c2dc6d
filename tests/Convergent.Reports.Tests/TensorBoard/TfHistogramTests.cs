using Convergent.Diagnostics;
using Convergent.Reports.TensorBoard;

namespace Convergent.Reports.Tests.TensorBoard;

public class TfHistogramTests
{
    [Fact]
    public void From_FourBins_UpperEdgesAsLimitsAndCentreEstimates()
    {
        var proto = TfHistogram.From(new Histogram(Step: 6, Min: -1, Max: 3, Counts: [1, 2, 3, 4], NonFinite: 2))!;

        Assert.Equal([0.0, 1, 2, 3], proto.BucketLimits);
        Assert.Equal([1.0, 2, 3, 4], proto.BucketCounts);
        Assert.Equal((-1.0, 3.0, 10.0), (proto.Min, proto.Max, proto.Num));   // the 2 non-finite values are not counted
        // centres -0.5, 0.5, 1.5, 2.5: sum = -0.5 + 1 + 4.5 + 10; squares = 0.25 + 0.5 + 6.75 + 25
        Assert.Equal(15.0, proto.Sum, 12);
        Assert.Equal(32.5, proto.SumSquares, 12);
    }

    [Fact]
    public void From_AllValuesEqual_OneBucketWithExactSums()
    {
        var proto = TfHistogram.From(new Histogram(0, 2, 2, [0, 5, 0], 0))!;

        Assert.Equal([2.0], proto.BucketLimits);
        Assert.Equal([5.0], proto.BucketCounts);
        Assert.Equal((5.0, 10.0, 20.0), (proto.Num, proto.Sum, proto.SumSquares));
    }

    [Fact]
    public void From_NoFiniteValue_IsNull()
    {
        Assert.Null(TfHistogram.From(new Histogram(0, 0, 0, [0, 0], NonFinite: 8)));
        Assert.Null(TfHistogram.From(new Histogram(0, double.NaN, double.NaN, [3], 0)));
    }
}
