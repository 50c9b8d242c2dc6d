namespace Convergent.Nn;

/// <summary>Recall TP / (TP + FN) of thresholded predictions (Keras <c>keras.metrics.Recall</c>, name
/// <c>recall</c>); 0 when there were no positive labels. Thresholds, top-k and class id as
/// <see cref="ThresholdedMetric"/> says.</summary>
/// <remarks>Creates the metric (Keras defaults <c>thresholds=None, top_k=None, class_id=None</c>).</remarks>
public sealed class Recall(double? threshold = null, int? topK = null, int? classId = null, string name = "recall")
    : ThresholdedMetric(threshold, topK, classId, name)
{
    public override double Result() =>
        ConfusionCounts.DivideNoNan(Counts.TruePositives[0], Counts.TruePositives[0] + Counts.FalseNegatives[0]);
}
