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
        var (nsq, nabs, nf) = SpanStats.Norms<float>(x);
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
        Assert.Equal(2, SpanStats.Norms<float>(x).NonFinite);
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
}
