using Convergent.Diagnostics;

namespace Convergent.Reports.TensorBoard;

/// <summary>
/// A <c>HistogramProto</c> (tensorboard/compat/proto/histogram.proto): bucket <c>i</c> holds
/// <see cref="BucketCounts"/>[i] values in (<see cref="BucketLimits"/>[i-1], <see cref="BucketLimits"/>[i]]; TensorBoard
/// draws the first bucket from <see cref="Min"/> and the last up to <see cref="Max"/>. <see cref="Num"/> is the
/// number of values counted.
/// </summary>
public sealed record TfHistogram(double Min, double Max, double Num, double Sum, double SumSquares, double[] BucketLimits, double[] BucketCounts)
{
    /// <summary>
    /// The proto of a doctor histogram (equal-width bins over the tensor's finite [min, max]): bucket limits are the
    /// bins' upper edges, the last one <c>max</c>; <c>num</c> counts the finite values (non-finite ones are the
    /// <c>nonfinite_*</c> series). The probe keeps no tensors, so <c>sum</c> and <c>sum_squares</c> are estimated from
    /// the bin centres (exact when all values are equal); TensorBoard's charts use only min, max and the buckets.
    /// Returns null for a histogram with no finite value, which TensorBoard could not draw.
    /// </summary>
    public static TfHistogram? From(Histogram h)
    {
        ArgumentNullException.ThrowIfNull(h);
        long total = h.Total;
        if (total == 0 || !double.IsFinite(h.Min) || !double.IsFinite(h.Max) || h.Counts.Length == 0) return null;
        if (!(h.Max > h.Min))
            return new TfHistogram(h.Min, h.Max, total, total * h.Min, total * h.Min * h.Min, [h.Max], [total]);
        int n = h.Counts.Length;
        var limits = new double[n];
        var counts = new double[n];
        double sum = 0, sumSquares = 0;
        for (int i = 0; i < n; i++)
        {
            limits[i] = i == n - 1 ? h.Max : h.BinStart(i + 1);
            counts[i] = h.Counts[i];
            double centre = 0.5 * (h.BinStart(i) + limits[i]);
            sum += h.Counts[i] * centre;
            sumSquares += h.Counts[i] * centre * centre;
        }
        return new TfHistogram(h.Min, h.Max, total, sum, sumSquares, limits, counts);
    }
}
