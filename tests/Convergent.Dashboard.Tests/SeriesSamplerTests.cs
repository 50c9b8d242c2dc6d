namespace Convergent.Dashboard.Tests;

public class SeriesSamplerTests
{
    [Fact]
    public void Thin_KeepsEachBucketsLowHighAndNaN_InStepOrder()
    {
        long[] steps = [.. Enumerable.Range(0, 10_000).Select(i => (long)i)];
        double[] values = [.. steps.Select(s => 1.0 + (s % 7) * 0.01)];
        values[4321] = 1e6;          // a one-step explosion
        values[8765] = double.NaN;   // and a NaN
        var (s, v) = SeriesSampler.Thin(steps, values, 300);
        Assert.InRange(s.Length, 2, 300);
        Assert.Contains(4321L, s);
        Assert.Contains(8765L, s);
        Assert.Equal(1e6, v[Array.IndexOf(s, 4321L)]);
        Assert.True(double.IsNaN(v[Array.IndexOf(s, 8765L)]));
        Assert.Equal(s.Order(), s);
        Assert.Equal(0L, s[0]);
    }

    [Fact]
    public void Thin_ShortSeries_IsUnchanged()
    {
        long[] steps = [1, 2, 3];
        double[] values = [3, 2, 1];
        var (s, v) = SeriesSampler.Thin(steps, values, 1500);
        Assert.Same(steps, s);
        Assert.Same(values, v);
    }
}
