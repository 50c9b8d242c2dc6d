using Convergent.Testing;

namespace Convergent.Tensors.Tests;

public class GatherOpsTests
{
    [Fact]
    public void WeightedGather_TwoTaps_MixesAndScattersBack()
    {
        var x = Tensor.FromArray(new double[] { 10, 20, 30 }, 3).WithGrad();
        // y0 = 0.25·x0 + 0.75·x2; y1 = x1 (second tap skipped)
        var y = Ops.WeightedGather(x, [0, 2, 1, -1], [0.25, 0.75, 1, 5], 2, new Shape(2));
        Assert.Equal(new double[] { 25, 20 }, y.ToDoubleArray());
        Ops.Sum(y).Backward();
        Assert.Equal(new double[] { 0.25, 1, 0.75 }, x.Grad!.ToDoubleArray());
    }

    [Fact]
    public void WeightedGather_RandomTable_GradientMatchesFiniteDifferences()
    {
        var rng = new Random(4);
        var x = GradCheck.Random(1, -1, 1, 4, 5);
        var index = Enumerable.Range(0, 6 * 3).Select(_ => rng.Next(-1, 20)).ToArray();
        var weight = index.Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        double err = GradCheck.MaxError(GradCheck.Weighted(v => Ops.WeightedGather(v[0], index, weight, 3, new Shape(2, 3))), x);
        Assert.True(err < GradCheck.Tolerance, err.ToString());
    }

    [Fact]
    public void WeightedGather_IndexOutOfRange_Throws()
    {
        Assert.Throws<ArgumentException>(() => Ops.WeightedGather(Tensor.Zeros(new Shape(2)), [2], [1], 1, new Shape(1)));
    }
}
