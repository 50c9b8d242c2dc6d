using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>How often thresholded predictions equal binary targets (Keras <c>keras.metrics.BinaryAccuracy</c>,
/// name <c>binary_accuracy</c>).</summary>
/// <remarks>Per sample: mean over the last axis of [(ŷ &gt; threshold) == y]; Keras's default threshold is 0.5 and a
/// prediction exactly at it counts as 0. Labels (N,) meet predictions (N, 1).</remarks>
public sealed class BinaryAccuracy : MeanMetricWrapper
{
    /// <summary>Creates the metric; <paramref name="name"/> is what logs show.</summary>
    public BinaryAccuracy(string name = "binary_accuracy", double threshold = 0.5) : base(name)
    {
        if (!double.IsFinite(threshold)) throw new ArgumentException($"Argument `threshold` must be finite. Received: threshold={threshold}", nameof(threshold));
        Threshold = threshold;
    }

    /// <summary>Predictions above it count as 1.</summary>
    public double Threshold { get; }

    public override bool? HigherIsBetter => true;

    protected override double[] Values(Tensor yTrue, Tensor yPred)
    {
        MetricMath.RequireSameSize(yTrue, yPred, Name);
        int width = MetricMath.Width(yPred), rows = yPred.Size / width;
        var v = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double hits = 0;
            for (int j = 0; j < width; j++)
            {
                int k = i * width + j;
                hits += (yPred[k] > Threshold ? 1.0 : 0.0) == yTrue[k] ? 1 : 0;
            }
            v[i] = hits / width;
        }
        return v;
    }
}
