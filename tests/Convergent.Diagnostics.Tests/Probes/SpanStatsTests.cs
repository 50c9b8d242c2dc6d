namespace Convergent.Diagnostics.Tests;

public class SpanStatsTests
{
    // tolerance: blocks of 4096 floats summed in float then in double; the scalar twin sums in double
    private const double RelativeTolerance = 1e-5;

    private static float[] Data(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 4 - 1.5)).ToArray();
    }

    public static IEnumerable<object[]> Lengths() =>
        Enumerable.Range(0, 70).Select(i => new object[] { i }).Concat(new[] { 255, 256, 257, 4095, 4096, 4097, 10_001, 100_003 }.Select(n => new object[] { n }));

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Summarize_MatchesScalarTwin(int n)
    {
        var x = Data(n, n);
        var m = SpanStats.Summarize<float>(x);
        Assert.Equal(n, m.Count);
        Assert.Equal(0, m.NonFinite);
        if (n == 0) { Assert.True(double.IsNaN(m.Mean)); return; }
        double sum = x.Sum(v => (double)v), sq = x.Sum(v => (double)v * v);
        Assert.Equal(sum, m.Sum, RelativeTolerance * Math.Max(1, sq));
        Assert.Equal(sq, m.SumOfSquares, RelativeTolerance * Math.Max(1, sq));
        Assert.Equal(x.Min(), m.Min);
        Assert.Equal(x.Max(), m.Max);
        var (nsq, nabs, nf) = Convergent.Nn.GradientStatistics.Of<float>(x);
        Assert.Equal(sq, nsq, RelativeTolerance * Math.Max(1, sq));
        Assert.Equal(x.Sum(v => Math.Abs((double)v)), nabs, RelativeTolerance * Math.Max(1, sq));
        Assert.Equal(0, nf);
        Assert.Equal(x.Count(v => Math.Abs(v) >= 2), SpanStats.CountAbsAtLeast<float>(x, 2f));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(4097)]
    [InlineData(100_003)]
    public void Summarize_OnePass_EqualsNaiveTwoPass(int n)
    {
        // one pass (shifted sums, vector lanes, blocks) against the textbook two passes in double: mean, then Σ(x − mean)²
        var x = Data(n, 3 * n).Select(v => v * 3 + 7).ToArray();
        var m = SpanStats.Summarize<float>(x);
        double mean = x.Average(v => (double)v);
        double variance = x.Sum(v => ((double)v - mean) * ((double)v - mean)) / n;
        Assert.Equal(mean, m.Mean, RelativeTolerance * Math.Abs(mean));
        Assert.Equal(Math.Sqrt(variance), m.Std, RelativeTolerance * Math.Sqrt(variance) + 1e-12);
        Assert.Equal(x.Min(), m.Min);
        Assert.Equal(x.Max(), m.Max);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(300)]
    [InlineData(9000)]
    public void NonFinite_AreCountedAndSkipped(int n)
    {
        var x = Data(n, 1);
        x[n / 2] = float.NaN; x[n - 1] = float.NegativeInfinity;
        var m = SpanStats.Summarize<float>(x);
        Assert.Equal(2, m.NonFinite);
        Assert.Equal(n - 2, m.Count);
        var finite = x.Where(float.IsFinite).ToArray();
        Assert.Equal(finite.Min(), m.Min);
        Assert.Equal(finite.Sum(v => (double)v), m.Sum, 1e-3);
        Assert.Equal(2, Convergent.Nn.GradientStatistics.Of<float>(x).NonFinite);
        Assert.Equal(finite.Count(v => Math.Abs(v) >= 1) + 1, SpanStats.CountAbsAtLeast<float>(x, 1f));   // −∞ counts, NaN does not
    }

    [Fact]
    public void Double_Summarize_Works()
    {
        double[] x = [1, 2, 3, 4];
        var m = SpanStats.Summarize<double>(x);
        Assert.Equal(2.5, m.Mean);
        Assert.Equal(Math.Sqrt(1.25), m.Std, 12);
    }

    [Fact]
    public void RawPixels_StdHasNoCancellation()
    {
        // mean ≫ std is where E[x²] − mean² loses digits; block sums in double keep it usable
        var x = Enumerable.Range(0, 50_000).Select(i => 200f + (i % 2 == 0 ? 1f : -1f)).ToArray();
        var m = SpanStats.Summarize<float>(x);
        Assert.Equal(1, m.Std, 1e-6);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(8, 2, 2)]
    [InlineData(8, 4, 4)]     // vector lanes hold whole rows (float: 8 lanes = 2 rows)
    [InlineData(9, 4, 4)]     // 9 rows: whole vectors, then a row left over
    [InlineData(1, 4, 4)]     // fewer values than a vector
    [InlineData(8, 3, 3)]     // 3 does not divide the lanes: scalar
    [InlineData(8, 16, 16)]   // whole vectors per row
    [InlineData(5, 21, 21)]   // two vectors and a scalar tail per row
    [InlineData(5, 21, 10)]   // only the first 10 columns sampled
    [InlineData(3, 8, 5)]
    public void ColumnReductions_MatchNaive(int rows, int width, int k)
    {
        var rng = new Random(rows * 100 + width);
        foreach (var dtypeIsFloat in new[] { true, false })
        {
            var x = Enumerable.Range(0, rows * width + width / 2).Select(_ => 20 * rng.NextDouble() - 10).ToArray();   // a partial row at the end is ignored
            var max = Enumerable.Repeat(double.NegativeInfinity, k).ToArray();
            var minAbs = Enumerable.Repeat(double.PositiveInfinity, k).ToArray();
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < k; c++)
                {
                    double v = dtypeIsFloat ? (float)x[r * width + c] : x[r * width + c];
                    max[c] = Math.Max(max[c], v); minAbs[c] = Math.Min(minAbs[c], Math.Abs(v));
                }
            if (dtypeIsFloat)
            {
                var xf = x.Select(v => (float)v).ToArray();
                var a = Enumerable.Repeat(float.NegativeInfinity, k).ToArray(); var b = Enumerable.Repeat(float.PositiveInfinity, k).ToArray();
                SpanStats.ColumnMax<float>(xf, width, a); SpanStats.ColumnMinMagnitude<float>(xf, width, b);
                Assert.Equal(max, a.Select(v => (double)v).ToArray());
                Assert.Equal(minAbs, b.Select(v => (double)v).ToArray());
            }
            else
            {
                var a = Enumerable.Repeat(double.NegativeInfinity, k).ToArray(); var b = Enumerable.Repeat(double.PositiveInfinity, k).ToArray();
                SpanStats.ColumnMax<double>(x, width, a); SpanStats.ColumnMinMagnitude<double>(x, width, b);
                Assert.Equal(max, a);
                Assert.Equal(minAbs, b);
            }
        }
    }

    [Theory]
    [InlineData(4)]   // the lane-folding path
    [InlineData(3)]   // the scalar path
    [InlineData(16)]  // the whole-vector path
    public void ColumnReductions_ANaNMakesItsColumnNaN(int width)
    {
        var x = Enumerable.Range(0, 8 * width).Select(i => (float)(i % 7 - 3)).ToArray();
        x[5 * width + 1] = float.NaN;
        var a = Enumerable.Repeat(float.NegativeInfinity, width).ToArray(); var b = Enumerable.Repeat(float.PositiveInfinity, width).ToArray();
        SpanStats.ColumnMax<float>(x, width, a); SpanStats.ColumnMinMagnitude<float>(x, width, b);
        Assert.True(float.IsNaN(a[1]) && float.IsNaN(b[1]));
        Assert.False(float.IsNaN(a[0]) || float.IsNaN(b[0]) || float.IsNaN(a[2]) || float.IsNaN(b[2]));
    }
}
