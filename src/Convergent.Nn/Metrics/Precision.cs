using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Precision TP / (TP + FP) of thresholded predictions (Keras <c>keras.metrics.Precision</c>, name
/// <c>precision</c>); 0 when nothing was predicted positive.</summary>
/// <remarks>A prediction is positive when it exceeds <see cref="Threshold"/> (Keras default 0.5; with
/// <see cref="TopK"/> and no threshold, −∞: every top-k prediction is positive). A label is positive when non-zero.
/// Every element counts unless <see cref="ClassId"/> selects one column. Sample weights (N,) weigh each sample's
/// elements. One threshold per metric (Keras also accepts a list and returns a list).</remarks>
public sealed class Precision : Metric
{
    private readonly ConfusionCounts _counts;

    /// <summary>Creates the metric (Keras defaults <c>thresholds=None, top_k=None, class_id=None</c>).</summary>
    public Precision(double? threshold = null, int? topK = null, int? classId = null, string name = "precision")
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A metric name cannot be blank.", nameof(name));
        if (topK is < 1) throw new ArgumentException($"Argument `top_k` must be at least 1. Received: top_k={topK}", nameof(topK));
        Threshold = threshold ?? (topK is null ? 0.5 : double.NegativeInfinity);
        TopK = topK; ClassId = classId; Name = name;
        _counts = new ConfusionCounts([Threshold]);
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
        _counts.Add(yTrue, yPred, sampleWeight, ClassId, TopK, fromLogits: false, Name);

    public override double Result() =>
        ConfusionCounts.DivideNoNan(_counts.TruePositives[0], _counts.TruePositives[0] + _counts.FalsePositives[0]);

    public override void Reset() => _counts.Reset();
}
