using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>The mean absolute error as a metric (Keras <c>keras.metrics.MeanAbsoluteError</c>, name
/// <c>mean_absolute_error</c>): per sample mean(|y − ŷ|) over the last axis, averaged with sample weights.</summary>
/// <remarks>Named with a suffix because <see cref="MeanAbsoluteError"/> is the loss in the same namespace.</remarks>
public sealed class MeanAbsoluteErrorMetric : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    public MeanAbsoluteErrorMetric(string name = "mean_absolute_error") : base(name) { }

    public override bool? HigherIsBetter => false;

    protected override double[] Values(Tensor yTrue, Tensor yPred) => MetricMath.RowMeans(yTrue, yPred, Name, Math.Abs);
}
