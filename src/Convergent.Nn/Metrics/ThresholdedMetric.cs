using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// What <see cref="Precision"/> and <see cref="Recall"/> share: thresholded (or top-k) predictions counted into
/// true/false positives and negatives at one threshold; the subclass turns the counts into its rate.
/// </summary>
/// <remarks>A prediction is positive when it exceeds <see cref="Threshold"/> (Keras default 0.5; with
/// <see cref="TopK"/> and no threshold, −∞: every top-k prediction is positive). A label is positive when non-zero.
/// Every element counts unless <see cref="ClassId"/> selects one column. Sample weights (N,) weigh each sample's
/// elements. One threshold per metric (Keras also accepts a list and returns a list).</remarks>
public abstract class ThresholdedMetric : Metric
{
    /// <summary>The weighted counts at <see cref="Threshold"/> (index 0).</summary>
    private protected ConfusionCounts Counts { get; }

    /// <summary>Validates the Keras arguments (<c>thresholds=None, top_k=None, class_id=None</c>).</summary>
    private protected ThresholdedMetric(double? threshold, int? topK, int? classId, string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A metric name cannot be blank.", nameof(name));
        if (topK is < 1) throw new ArgumentException($"Argument `top_k` must be at least 1. Received: top_k={topK}", nameof(topK));
        Threshold = threshold ?? (topK is null ? 0.5 : double.NegativeInfinity);
        TopK = topK; ClassId = classId; Name = name;
        Counts = new ConfusionCounts([Threshold]);
    }

    public override string Name { get; }

    /// <summary>Predictions above it are positive.</summary>
    public double Threshold { get; }

    /// <summary>Only each sample's k highest predictions may be positive, or null.</summary>
    public int? TopK { get; }

    /// <summary>The one class column that counts, or null for all.</summary>
    public int? ClassId { get; }

    public override bool? HigherIsBetter => true;

    public override void Update(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null) =>
        Counts.Add(yTrue, yPred, sampleWeight, ClassId, TopK, fromLogits: false, Name);

    public override void Reset() => Counts.Reset();
}
