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
}
