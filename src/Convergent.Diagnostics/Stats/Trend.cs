namespace Convergent.Diagnostics;

/// <summary>
/// Robust straight-line fits to short curves. <see cref="TheilSen"/> (median of pairwise slopes; Theil 1950,
/// Sen 1968) tolerates up to ~29 % outliers, so one noisy epoch cannot flip a verdict; <see cref="LeastSquares"/>
/// gives the residual spread for "variance vs trend" comparisons.
/// </summary>
public static class Trend
{
    /// <summary>Slope and intercept of <paramref name="y"/> against x = 0, 1, 2, … by Theil–Sen; non-finite points skipped.
    /// Slope 0 and intercept NaN with fewer than two finite points.</summary>
    public static (double Slope, double Intercept) TheilSen(ReadOnlySpan<double> y)
    {
        var slopes = new List<double>();
        for (int i = 0; i < y.Length; i++)
        {
            if (!double.IsFinite(y[i])) continue;
            for (int j = i + 1; j < y.Length; j++)
                if (double.IsFinite(y[j])) slopes.Add((y[j] - y[i]) / (j - i));
        }
        if (slopes.Count == 0) return (0, double.NaN);
        double slope = Robust.Median(slopes.ToArray());
        var offsets = new List<double>();
        for (int i = 0; i < y.Length; i++) if (double.IsFinite(y[i])) offsets.Add(y[i] - slope * i);
        return (slope, Robust.Median(offsets.ToArray()));
    }

    /// <summary>Ordinary least-squares fit of <paramref name="y"/> against x = 0, 1, 2, …; also the standard deviation of
    /// the residuals. Non-finite points are skipped.</summary>
    public static (double Slope, double Intercept, double ResidualStd) LeastSquares(ReadOnlySpan<double> y)
    {
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < y.Length; i++)
        {
            if (!double.IsFinite(y[i])) continue;
            n++; sx += i; sy += y[i]; sxx += (double)i * i; sxy += i * y[i];
        }
        if (n < 2) return (0, n == 1 ? sy : double.NaN, 0);
        double den = n * sxx - sx * sx;
        double slope = den == 0 ? 0 : (n * sxy - sx * sy) / den;
        double intercept = (sy - slope * sx) / n;
        double ss = 0;
        for (int i = 0; i < y.Length; i++)
        {
            if (!double.IsFinite(y[i])) continue;
            double r = y[i] - (intercept + slope * i);
            ss += r * r;
        }
        return (slope, intercept, Math.Sqrt(ss / n));
    }

    /// <summary>Natural log of each value (values ≤ 0 or non-finite become NaN) — loss curves are fitted on log scale
    /// so a slope reads as a relative change per step.</summary>
    public static double[] Log(ReadOnlySpan<double> y)
    {
        var r = new double[y.Length];
        for (int i = 0; i < y.Length; i++) r[i] = y[i] > 0 && double.IsFinite(y[i]) ? Math.Log(y[i]) : double.NaN;
        return r;
    }

    /// <summary>Means of consecutive chunks of <paramref name="chunk"/> values (the last partial chunk dropped).</summary>
    public static double[] ChunkMeans(ReadOnlySpan<double> y, int chunk)
    {
        if (chunk < 1) throw new ArgumentOutOfRangeException(nameof(chunk));
        var r = new double[y.Length / chunk];
        for (int c = 0; c < r.Length; c++)
        {
            double s = 0; int k = 0;
            foreach (var v in y.Slice(c * chunk, chunk)) if (double.IsFinite(v)) { s += v; k++; }
            r[c] = k > 0 ? s / k : double.NaN;
        }
        return r;
    }
}
