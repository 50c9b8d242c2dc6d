using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>The mean squared error as a metric (Keras <c>keras.metrics.MeanSquaredError</c>, name
/// <c>mean_squared_error</c>): per sample mean((y − ŷ)²) over the last axis, averaged with sample weights.</summary>
/// <remarks>Named with a suffix because <see cref="MeanSquaredError"/> is the loss in the same namespace.</remarks>
public sealed class MeanSquaredErrorMetric : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    public MeanSquaredErrorMetric(string name = "mean_squared_error") : base(name) { }

    public override bool? HigherIsBetter => false;

    protected override double[] Values(Tensor yTrue, Tensor yPred) => MetricMath.RowMeans(yTrue, yPred, Name, e => e * e);
}
