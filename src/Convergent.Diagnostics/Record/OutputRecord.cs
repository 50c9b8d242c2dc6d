namespace Convergent.Diagnostics;

/// <summary>What the output layer said per step: confidence and how concentrated its predictions are.</summary>
/// <param name="frame">Where the series store their values (a run's statistics frame); null: each series on its own.</param>
public sealed class OutputRecord(SeriesFrame? frame = null)
{
    /// <summary>Mean over the batch of the largest class probability (softmax/sigmoid output, or softmax of logits).</summary>
    public Series MaxProbability { get; } = new("max_probability", frame);

    /// <summary>Share of the batch predicted as the batch's most predicted class.</summary>
    public Series MajorityPredictionShare { get; } = new("majority_prediction_share", frame);

    /// <summary>Predicted-class histogram per epoch, over the training batches whose statistics were taken (all of them
    /// unless the probe samples).</summary>
    public List<PredictedClassCounts> PredictedClasses { get; } = [];
}
