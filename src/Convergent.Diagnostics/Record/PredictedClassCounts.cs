namespace Convergent.Diagnostics;

/// <summary>How often the model predicted each class (argmax of the output) over the training batches of one
/// epoch (1-based).</summary>
public sealed record PredictedClassCounts(int Epoch, long[] Counts)
{
    /// <summary>Number of predictions counted.</summary>
    public long Total => Counts.Sum();

    /// <summary>The most predicted class.</summary>
    public int MajorityClass => Array.IndexOf(Counts, Counts.Max());

    /// <summary>Share of predictions that went to the most predicted class.</summary>
    public double MajorityShare => Total == 0 ? 0 : (double)Counts.Max() / Total;
}
