namespace Convergent.Dashboard;

/// <summary>
/// Thins a long series for a chart: the steps are cut into equal buckets and each bucket keeps its lowest point, its
/// highest point and its first NaN, in step order, so a one-step spike (an exploding gradient, a NaN) survives the
/// thinning that a plain stride would skip.
/// </summary>
public static class SeriesSampler
{
    /// <summary>At most <paramref name="maxPoints"/> points of (<paramref name="steps"/>, <paramref name="values"/>).</summary>
    public static (long[] Steps, double[] Values) Thin(long[] steps, double[] values, int maxPoints)
    {
        if (maxPoints < 3) throw new ArgumentOutOfRangeException(nameof(maxPoints), $"max_points must be at least 3. Received: {maxPoints}");
        int n = steps.Length;
        if (n <= maxPoints) return (steps, values);
        int buckets = maxPoints / 3;
        var s = new List<long>(maxPoints);
        var v = new List<double>(maxPoints);
        var keep = new SortedSet<int>();
        for (int b = 0; b < buckets; b++)
        {
            int from = (int)((long)b * n / buckets), to = (int)((long)(b + 1) * n / buckets);
            int lo = -1, hi = -1, nan = -1;
            for (int i = from; i < to; i++)
            {
                double x = values[i];
                if (double.IsNaN(x)) { if (nan < 0) nan = i; continue; }
                if (lo < 0 || x < values[lo]) lo = i;
                if (hi < 0 || x > values[hi]) hi = i;
            }
            keep.Clear();
            foreach (int i in (ReadOnlySpan<int>)[lo, hi, nan]) if (i >= 0) keep.Add(i);
            foreach (int i in keep) { s.Add(steps[i]); v.Add(values[i]); }
        }
        return ([.. s], [.. v]);
    }
}
