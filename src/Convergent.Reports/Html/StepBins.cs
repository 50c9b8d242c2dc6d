namespace Convergent.Reports.Html;

/// <summary>
/// The columns of a chart over training steps: equal-width bins over [first step, last step + 1), as many as there
/// are distinct steps but at most a cap, so a 15,000-step run becomes a few hundred columns while a short run keeps
/// one column per recorded step. A bin's value is the mean of the values recorded in it.
/// </summary>
public sealed class StepBins
{
    private StepBins(long first, long end, int count) { First = first; End = end; Count = count; }

    /// <summary>The first step covered.</summary>
    public long First { get; }

    /// <summary>One past the last step covered.</summary>
    public long End { get; }

    /// <summary>Number of bins (0 when nothing was recorded).</summary>
    public int Count { get; }

    /// <summary>Bins covering every step of <paramref name="steps"/>, at most <paramref name="maxBins"/>.</summary>
    public static StepBins Over(IEnumerable<long> steps, int maxBins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBins, 1);
        var distinct = new HashSet<long>(steps);
        if (distinct.Count == 0) return new StepBins(0, 0, 0);
        long first = distinct.Min(), end = distinct.Max() + 1;
        return new StepBins(first, end, Math.Min(distinct.Count, maxBins));
    }

    /// <summary>First step of bin <paramref name="i"/>.</summary>
    public long Start(int i) => First + (long)Math.Floor((double)(End - First) * i / Count);

    /// <summary>The bin holding <paramref name="step"/> (clamped to the range).</summary>
    public int IndexOf(long step)
    {
        if (Count == 0) return -1;
        int i = (int)Math.Floor((double)(step - First) * Count / (End - First));
        i = Math.Clamp(i, 0, Count - 1);
        // the floor of the inverse can land one bin off at the edges; step back or forth to the bin whose range holds it
        while (i > 0 && step < Start(i)) i--;
        while (i < Count - 1 && step >= Start(i + 1)) i++;
        return i;
    }

    /// <summary>Mean of the finite values of (<paramref name="steps"/>, <paramref name="values"/>) per bin; NaN for a bin
    /// with none (and for a bin whose values are all NaN/Inf).</summary>
    public double[] Means(ReadOnlySpan<long> steps, ReadOnlySpan<double> values)
    {
        var sums = new double[Count];
        var counts = new int[Count];
        for (int k = 0; k < steps.Length; k++)
        {
            if (!double.IsFinite(values[k])) continue;
            int i = IndexOf(steps[k]);
            sums[i] += values[k];
            counts[i]++;
        }
        for (int i = 0; i < Count; i++) sums[i] = counts[i] > 0 ? sums[i] / counts[i] : double.NaN;
        return sums;
    }
}
