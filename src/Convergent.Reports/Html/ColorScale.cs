namespace Convergent.Reports.Html;

/// <summary>How values map to colours (or to a chart's y axis): straight, by decade, or around zero.</summary>
public enum ScaleKind
{
    /// <summary>Equal steps are equal distances.</summary>
    Linear,
    /// <summary>Equal ratios are equal distances; chosen when the positive values span more than a decade.</summary>
    Log,
    /// <summary>Linear and symmetric around zero, two hues for the two signs (activation means).</summary>
    Diverging,
}

/// <summary>
/// A scale and its domain, chosen from the values it will show: <see cref="ScaleKind.Log"/> when the finite positive
/// values span more than a decade (max/min &gt; 10) — gradient norms and update ratios typically span several — else
/// linear. On a log scale zeros and negative values have no position: charts draw them in a separate "≤ 0" colour.
/// </summary>
/// <param name="Kind">Linear, log or diverging.</param>
/// <param name="Min">Lower end of the domain (the smallest positive value on a log scale).</param>
/// <param name="Max">Upper end of the domain.</param>
public sealed record ColorScale(ScaleKind Kind, double Min, double Max)
{
    /// <summary>A span above this ratio (max/min of the positive values) is shown on a log scale.</summary>
    public const double DecadeRatio = 10;

    /// <summary>The scale for <paramref name="values"/> (non-finite ones ignored); [0, 1] when there is nothing to show.</summary>
    public static ColorScale For(IEnumerable<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity, minPositive = double.PositiveInfinity;
        foreach (var v in values)
        {
            if (!double.IsFinite(v)) continue;
            min = Math.Min(min, v); max = Math.Max(max, v);
            if (v > 0) minPositive = Math.Min(minPositive, v);
        }
        if (min > max) return new ColorScale(ScaleKind.Linear, 0, 1);
        if (max > 0 && max / minPositive > DecadeRatio) return new ColorScale(ScaleKind.Log, minPositive, max);
        if (min == max) return min == 0 ? new ColorScale(ScaleKind.Linear, 0, 1) : new ColorScale(ScaleKind.Linear, Math.Min(0, min), Math.Max(0, max));
        return new ColorScale(ScaleKind.Linear, min, max);
    }

    /// <summary>A symmetric scale around zero covering the largest |value| (1 when there is none).</summary>
    public static ColorScale SymmetricFor(IEnumerable<double> values)
    {
        double m = 0;
        foreach (var v in values) if (double.IsFinite(v)) m = Math.Max(m, Math.Abs(v));
        return new ColorScale(ScaleKind.Diverging, m > 0 ? -m : -1, m > 0 ? m : 1);
    }

    /// <summary>The fixed scale of shares: linear over [0, 1].</summary>
    public static ColorScale Share { get; } = new(ScaleKind.Linear, 0, 1);

    /// <summary>The report spelling: <c>linear</c>, <c>log</c>, <c>diverging</c>.</summary>
    public string KindName => Kind.ToString().ToLowerInvariant();
}
