using System.Numerics;
using Convergent.Kernels.Tests.Common;

namespace Convergent.Kernels.Tests.Reductions;

public sealed class ReduceTests
{
    // Relative to Σ|x| over each output: vector and blocked summation orders differ from the twin's sequential
    // double sum; float rounding grows with the ~2√rows (blocked) or chunk/lanes (row) additions, so 4e−6 for the
    // few thousand elements per output tested. Max is exact.
    private static readonly Tolerance FloatSum = new(4e-6, 1e-30);
    private static readonly Tolerance DoubleSum = new(1e-14, 1e-300);
    private static readonly Tolerance Exact = new(0, 0);

    [Fact]
    public void SumMeanMax_TwoByThree_MatchHandComputed()
    {
        float[] x = [1, 2, 3, 4, 5, 6];
        int[] shape = [2, 3];
        Assert.Equal([5f, 7f, 9f], Run(Reduce.SumAxes, x, shape, [0], 3));
        Assert.Equal([6f, 15f], Run(Reduce.SumAxes, x, shape, [1], 2));
        Assert.Equal([6f, 15f], Run(Reduce.SumAxes, x, shape, [-1], 2));
        Assert.Equal([21f], Run(Reduce.SumAxes, x, shape, [0, 1], 1));
        Assert.Equal([2.5f, 3.5f, 4.5f], Run(Reduce.MeanAxes, x, shape, [0], 3));
        Assert.Equal([2f, 5f], Run(Reduce.MeanAxes, x, shape, [1], 2));
        Assert.Equal([4f, 5f, 6f], Run(Reduce.MaxAxes, x, shape, [0], 3));
        Assert.Equal([3f, 6f], Run(Reduce.MaxAxes, x, shape, [1], 2));
        Assert.Equal(x, Run(Reduce.SumAxes, x, shape, [], 6));
    }

    [Fact]
    public void SumAxes_LeadingAxisEveryLength_MatchesTwin()
    {
        foreach (int n in KernelLengths.All())
        {
            CheckSum<float>([n, 7], [0], n, FloatSum);
            CheckSum<double>([n, 7], [0], n, DoubleSum);
            CheckSum<float>([3, n], [0], n, FloatSum);
        }
    }

    [Fact]
    public void SumAxes_LastAxisEveryLength_MatchesTwin()
    {
        foreach (int n in KernelLengths.All())
        {
            CheckSum<float>([5, n], [1], n, FloatSum);
            CheckSum<double>([2, n], [-1], n, DoubleSum);
        }
    }

    [Theory]
    [InlineData(new[] { 4099, 3 }, new[] { 0 })] // blocked column sum, narrow rows (scalar path)
    [InlineData(new[] { 1023, 300 }, new[] { 0 })] // blocked, two column chunks (256 + 44)
    [InlineData(new[] { 2, 9, 11, 17 }, new[] { 0, 1, 2 })] // all but last: BatchNorm (N, H, W, C)
    [InlineData(new[] { 3, 5, 4, 6 }, new[] { 0, 2, 3 })] // channels-first BatchNorm (N, C, H, W)
    [InlineData(new[] { 3, 1, 4, 1, 5 }, new[] { 1, 3 })] // only size-1 axes reduced: a copy
    [InlineData(new[] { 2, 3, 4, 5, 6 }, new[] { 1, 3 })] // alternating reduced / kept
    [InlineData(new[] { 10000 }, new[] { 0 })] // chunked row sum
    public void SumAndMaxAxes_CommonShapes_MatchTwin(int[] shape, int[] axes)
    {
        CheckSum<float>(shape, axes, seed: 7, FloatSum);
        CheckSum<double>(shape, axes, seed: 8, DoubleSum);
        CheckMax<float>(shape, axes, seed: 9);
    }

    [Fact]
    public void SumMaxAxes_RandomShapesAndAxes_MatchTwin()
    {
        var random = new Random(10);
        for (int trial = 0; trial < 400; trial++)
        {
            int rank = random.Next(0, 6);
            int[] shape = Enumerable.Range(0, rank).Select(_ => random.Next(0, 5)).ToArray();
            int[] axes = Enumerable.Range(0, rank).Where(_ => random.Next(2) == 0).Select(a => random.Next(2) == 0 ? a : a - rank).ToArray();
            CheckSum<float>(shape, axes, trial, FloatSum);
            CheckSum<double>(shape, axes, trial, DoubleSum);
            bool emptyReduction = axes.Any(a => shape[a < 0 ? a + rank : a] == 0) && shape.Where((s, i) => !axes.Contains(i) && !axes.Contains(i - rank)).All(s => s > 0);
            if (!emptyReduction)
                CheckMax<double>(shape, axes, trial);
        }
    }

    [Fact]
    public void SumAxes_MillionRowColumnSum_StaysAccurate()
    {
        // 10⁶ rows of 0.1f: a sequential float sum drifts by about 1% (each add rounds at the scale of the running
        // total, up to 1e5, and for equal terms always the same way). Blocking leaves the error of the short runs
        // that are still sequential — up to ~√10⁶ row additions per block, or TensorPrimitives.Sum's ≤ 1024/lanes
        // adds per lane — about 1e−5 at worst for equal terms.
        const int rows = 1_000_000;
        var x = new float[rows * 2];
        Array.Fill(x, 0.1f);
        var y = new float[2];
        Reduce.SumAxes<float>(x, [rows, 2], [0], y);
        double exact = rows * (double)0.1f;
        var blocked = new Tolerance(1e-5, 0);
        Assert.All(y, v => KernelAssert.Close(exact, v, blocked, "column sum of 10⁶ × 0.1f"));

        var total = new float[1];
        Reduce.SumAxes<float>(x, [rows * 2], [0], total);
        KernelAssert.Close(2 * exact, total[0], blocked, "row sum of 2·10⁶ × 0.1f");
    }

    [Fact]
    public void MaxAxes_NaNInReducedSlice_PropagatesNaN()
    {
        float[] x = [1, float.NaN, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34];
        var y = new float[17];
        Reduce.MaxAxes<float>(x, [2, 17], [0], y);
        Assert.True(float.IsNaN(y[1]));
        Assert.Equal(18f, y[0]);
        var z = new float[2];
        Reduce.MaxAxes<float>(x, [2, 17], [1], z);
        Assert.True(float.IsNaN(z[0]));
        Assert.Equal(34f, z[1]);
    }

    [Fact]
    public void EmptyReducedAxis_SumIsZeroMeanIsNaNMaxThrows()
    {
        Assert.Equal([0f, 0f, 0f], Run(Reduce.SumAxes, [], [0, 3], [0], 3));
        Assert.All(Run(Reduce.MeanAxes, [], [0, 3], [0], 3), v => Assert.True(float.IsNaN(v)));
        Assert.Throws<ArgumentException>(() => Run(Reduce.MaxAxes, [], [0, 3], [0], 3));
        Assert.Empty(Run(Reduce.MaxAxes, [], [3, 0], [0], 0)); // nothing to produce
    }

    [Fact]
    public void Axes_OutOfRangeOrRepeated_ThrowArgumentExceptionNamingAxes()
    {
        Assert.Equal("axes", Assert.Throws<ArgumentException>(() => Run(Reduce.SumAxes, new float[6], [2, 3], [2], 2)).ParamName);
        Assert.Equal("axes", Assert.Throws<ArgumentException>(() => Run(Reduce.SumAxes, new float[6], [2, 3], [-3], 2)).ParamName);
        Assert.Equal("axes", Assert.Throws<ArgumentException>(() => Run(Reduce.SumAxes, new float[6], [2, 3], [1, -1], 2)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Run(Reduce.SumAxes, new float[6], [2, 3], [1], 3)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Run(Reduce.SumAxes, new float[5], [2, 3], [1], 2)).ParamName);
        Assert.Equal("shape", Assert.Throws<ArgumentException>(() => Run(Reduce.SumAxes, new float[6], [-2, -3], [1], 2)).ParamName);
    }

    [Fact]
    public void SumTo_UndoesBroadcast_MatchesTwinAndIsAdjointOfBroadcastTo()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 300; trial++)
        {
            (int[] small, int[] large) = BroadcastTests.RandomCompatibleShapes(random);
            double[] g = SeededData.Uniform(ShapeTwins.Count(large), -1, 1, trial);
            var y = new double[ShapeTwins.Count(small)];
            Reduce.SumTo<double>(g, large, y, small);

            // Twin: reduce the aligned size-1 axes and the missing leading ones.
            int offset = large.Length - small.Length;
            bool[] reduced = large.Select((s, i) => i < offset || small[i - offset] != s).ToArray();
            var (sum, scale) = ShapeTwins.Sum(g, large, reduced);
            KernelAssert.Close<double>(sum, y, DoubleSum, $"sum {AxisText(large)} to {AxisText(small)}", scales: scale);

            // ⟨broadcast(x), g⟩ = ⟨x, sum_to(g)⟩.
            double[] x = SeededData.Uniform(y.Length, -1, 1, trial + 1000);
            var bx = new double[g.Length];
            Broadcast.To<double>(x, small, bx, large);
            double left = bx.Zip(g, (a, b) => a * b).Sum(), right = x.Zip(y, (a, b) => a * b).Sum();
            Assert.Equal(left, right, 1e-12 * Math.Max(1, g.Sum(Math.Abs)));
        }
    }

    [Fact]
    public void SumTo_IncompatibleShapes_ThrowArgumentExceptionNamingYShape()
    {
        var e = Assert.Throws<ArgumentException>(() => Reduce.SumTo<float>(new float[6], [2, 3], new float[2], [2]));
        Assert.Equal("yShape", e.ParamName);
    }

    private delegate void ReduceKernel<T>(ReadOnlySpan<T> x, ReadOnlySpan<int> shape, ReadOnlySpan<int> axes, Span<T> y);

    private static float[] Run(ReduceKernel<float> kernel, float[] x, int[] shape, int[] axes, int outputLength)
    {
        var y = new float[outputLength];
        kernel(x, shape, axes, y);
        return y;
    }

    private static bool[] Flags(int[] shape, int[] axes) =>
        shape.Select((_, i) => axes.Any(a => a == i || a + shape.Length == i)).ToArray();

    private static void CheckSum<T>(int[] shape, int[] axes, int seed, Tolerance tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool[] reduced = Flags(shape, axes);
        double[] x = SeededData.UniformFloatRepresentable(ShapeTwins.Count(shape), -1, 1, seed);
        var (sum, scale) = ShapeTwins.Sum(x, shape, reduced);
        var y = new T[sum.Length];
        Reduce.SumAxes<T>(SeededData.Convert<T>(x), shape, axes, y);
        KernelAssert.Close<T>(sum, y, tolerance, $"sum {AxisText(shape)} over {AxisText(axes)}", scales: scale);

        var mean = new T[sum.Length];
        Reduce.MeanAxes<T>(SeededData.Convert<T>(x), shape, axes, mean);
        int count = shape.Where((_, i) => reduced[i]).Aggregate(1, (a, b) => a * b);
        KernelAssert.Close<T>(sum.Select(s => s / count).ToArray(), mean, tolerance, $"mean {AxisText(shape)} over {AxisText(axes)}",
            scales: scale.Select(s => s / count).ToArray());
    }

    private static void CheckMax<T>(int[] shape, int[] axes, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double[] x = SeededData.UniformFloatRepresentable(ShapeTwins.Count(shape), -1, 1, seed);
        double[] max = ShapeTwins.Max(x, shape, Flags(shape, axes));
        var y = new T[max.Length];
        Reduce.MaxAxes<T>(SeededData.Convert<T>(x), shape, axes, y);
        KernelAssert.Close<T>(max, y, Exact, $"max {AxisText(shape)} over {AxisText(axes)}");
    }

    private static string AxisText(int[] values) => $"[{string.Join(", ", values)}]";
}
