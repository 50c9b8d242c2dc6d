namespace Convergent.Diagnostics;

/// <summary>
/// A fixed-bin histogram of one tensor at one step: <see cref="Counts"/> has one entry per equal-width bin over
/// [<see cref="Min"/>, <see cref="Max"/>] (the tensor's finite range); non-finite values are counted apart.
/// </summary>
public sealed record Histogram(long Step, double Min, double Max, long[] Counts, long NonFinite)
{
    /// <summary>Number of finite values counted.</summary>
    public long Total => Counts.Sum();

    /// <summary>Lower edge of bin <paramref name="i"/>.</summary>
    public double BinStart(int i) => Min + (Max - Min) * i / Counts.Length;
}
