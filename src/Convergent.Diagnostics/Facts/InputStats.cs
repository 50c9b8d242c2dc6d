namespace Convergent.Diagnostics;

/// <summary>
/// Summary of an input array: global range and moments over finite values, and the same per feature (per column of
/// a table, per channel of an image), capped at <see cref="MaxFeatures"/> features to keep the summary fixed-size.
/// </summary>
public sealed record InputStats(double Min, double Max, double Mean, double Std, long Count,
    double[] FeatureMin, double[] FeatureMax, double[] FeatureMean, double[] FeatureStd)
{
    /// <summary>The most features summarized one by one.</summary>
    public const int MaxFeatures = 1024;

    /// <summary>Number of features summarized one by one.</summary>
    public int Features => FeatureMin.Length;

    /// <summary>The same summary of <c>x·a + b</c> (what a <c>Rescaling(a, offset=b)</c> layer passes on).</summary>
    public InputStats Transformed(double a, double b)
    {
        double Lo(double min, double max) => a >= 0 ? a * min + b : a * max + b;
        double Hi(double min, double max) => a >= 0 ? a * max + b : a * min + b;
        return new InputStats(Lo(Min, Max), Hi(Min, Max), a * Mean + b, Math.Abs(a) * Std, Count,
            FeatureMin.Select((m, i) => Lo(m, FeatureMax[i])).ToArray(), FeatureMax.Select((m, i) => Hi(FeatureMin[i], m)).ToArray(),
            FeatureMean.Select(m => a * m + b).ToArray(), FeatureStd.Select(v => Math.Abs(a) * v).ToArray());
    }
}
