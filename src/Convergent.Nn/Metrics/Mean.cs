using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>A running weighted mean of values (Keras <c>keras.metrics.Mean</c>, name <c>mean</c>): Σ wᵢ·vᵢ / Σ wᵢ,
/// accumulated in double.</summary>
/// <remarks>As a compiled metric it averages y_pred (y_true is ignored); call <see cref="Add(double, double)"/> or
/// <see cref="Add(Tensor, Tensor?)"/> to feed values directly, as Keras's <c>update_state(values, sample_weight)</c>.</remarks>
public sealed class Mean : MeanMetricWrapper
{
    /// <summary>Creates the metric.</summary>
    public Mean(string name = "mean") : base(name) { }

    /// <summary>Adds one value with a weight.</summary>
    public void Add(double value, double weight = 1.0) => Accumulate(value, weight);

    /// <summary>Adds every element of <paramref name="values"/>; a weight of shape (N,) applies to each sample's values.</summary>
    public void Add(Tensor values, Tensor? sampleWeight = null) => Accumulate(values.ToDoubleArray(), sampleWeight);

    protected override double[] Values(Tensor yTrue, Tensor yPred) => yPred.ToDoubleArray();
}
