namespace Convergent.Reports.TensorBoard;

/// <summary>
/// A <c>HistogramProto</c> (tensorboard/compat/proto/histogram.proto): bucket <c>i</c> holds
/// <see cref="BucketCounts"/>[i] values in (<see cref="BucketLimits"/>[i-1], <see cref="BucketLimits"/>[i]]; TensorBoard
/// draws the first bucket from <see cref="Min"/> and the last up to <see cref="Max"/>. <see cref="Num"/> is the
/// number of values counted.
/// </summary>
public sealed record TfHistogram(double Min, double Max, double Num, double Sum, double SumSquares, double[] BucketLimits, double[] BucketCounts);
