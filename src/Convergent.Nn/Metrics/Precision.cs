namespace Convergent.Nn;

/// <summary>Precision TP / (TP + FP) of thresholded predictions (Keras <c>keras.metrics.Precision</c>, name
/// <c>precision</c>); 0 when nothing was predicted positive. Thresholds, top-k and class id as
/// <see cref="ThresholdedMetric"/> says.</summary>
/// <remarks>Creates the metric (Keras defaults <c>thresholds=None, top_k=None, class_id=None</c>).</remarks>
public sealed class Precision(double? threshold = null, int? topK = null, int? classId = null, string name = "precision")
    : ThresholdedMetric(threshold, topK, classId, name)
{
    public override double Result() =>
        ConfusionCounts.DivideNoNan(Counts.TruePositives[0], Counts.TruePositives[0] + Counts.FalsePositives[0]);
}
