namespace Convergent.Diagnostics;

/// <summary>Order statistics and robust spreads over small spans (rules use these instead of single values).</summary>
public static class Robust
{
    /// <summary>Median of the finite values (NaN when none).</summary>
    public static double Median(ReadOnlySpan<double> values)
    {
        var a = Finite(values);
        if (a.Length == 0) return double.NaN;
        Array.Sort(a);
        return a.Length % 2 == 1 ? a[a.Length / 2] : 0.5 * (a[a.Length / 2 - 1] + a[a.Length / 2]);
    }

    /// <summary>Median absolute deviation from the median.</summary>
    public static double Mad(ReadOnlySpan<double> values)
    {
        double m = Median(values);
        var a = Finite(values);
        for (int i = 0; i < a.Length; i++) a[i] = Math.Abs(a[i] - m);
        return Median(a);
    }

    /// <summary>The value at quantile <paramref name="q"/> ∈ [0, 1] (nearest rank) of the finite values.</summary>
    public static double Quantile(ReadOnlySpan<double> values, double q)
    {
        var a = Finite(values);
        if (a.Length == 0) return double.NaN;
        Array.Sort(a);
        return a[Math.Clamp((int)Math.Round(q * (a.Length - 1)), 0, a.Length - 1)];
    }

    /// <summary>Smallest finite value (NaN when none).</summary>
    public static double Min(ReadOnlySpan<double> values) { var a = Finite(values); return a.Length == 0 ? double.NaN : a.Min(); }

    /// <summary>Largest finite value (NaN when none).</summary>
    public static double Max(ReadOnlySpan<double> values) { var a = Finite(values); return a.Length == 0 ? double.NaN : a.Max(); }

    /// <summary>Index of the smallest finite value (−1 when none); the first on ties.</summary>
    public static int ArgMin(ReadOnlySpan<double> values)
    {
        int best = -1;
        for (int i = 0; i < values.Length; i++)
            if (double.IsFinite(values[i]) && (best < 0 || values[i] < values[best])) best = i;
        return best;
    }

    /// <summary>Whether every value is finite and ≥ <paramref name="threshold"/>.</summary>
    public static bool AllAtLeast(ReadOnlySpan<double> values, double threshold)
    {
        if (values.IsEmpty) return false;
        foreach (var v in values) if (!(v >= threshold)) return false;
        return true;
    }

    private static double[] Finite(ReadOnlySpan<double> values)
    {
        int n = 0;
        foreach (var v in values) if (double.IsFinite(v)) n++;
        var a = new double[n];
        int k = 0;
        foreach (var v in values) if (double.IsFinite(v)) a[k++] = v;
        return a;
    }
}
