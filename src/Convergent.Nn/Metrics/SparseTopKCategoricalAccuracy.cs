using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>How often the integer label is among the k highest predictions
/// (Keras <c>keras.metrics.SparseTopKCategoricalAccuracy</c>, name <c>sparse_top_k_categorical_accuracy</c>).</summary>
/// <remarks>Ties at the boundary count as in, as TensorFlow's <c>in_top_k</c>; a label outside [0, C) is never in.</remarks>
public sealed class SparseTopKCategoricalAccuracy : MeanMetricWrapper
{
    /// <summary>Creates the metric (Keras default <c>k=5</c>).</summary>
    public SparseTopKCategoricalAccuracy(int k = 5, string name = "sparse_top_k_categorical_accuracy") : base(name)
    {
        if (k < 1) throw new ArgumentException($"Argument `k` must be at least 1. Received: k={k}", nameof(k));
        K = k;
    }

    /// <summary>How many of the highest predictions count.</summary>
    public int K { get; }

    public override bool? HigherIsBetter => true;

    protected override double[] Values(Tensor yTrue, Tensor yPred)
    {
        var labels = MetricMath.SparseLabels(yTrue, yPred, Name);
        int width = MetricMath.Width(yPred);
        var p = yPred.ToDoubleArray();
        var v = new double[labels.Length];
        for (int i = 0; i < v.Length; i++)
        {
            double l = labels[i];
            bool valid = l >= 0 && l < width && l == Math.Floor(l);
            v[i] = valid && MetricMath.InTopK(p, i, width, (int)l, K) ? 1 : 0;
        }
        return v;
    }
}
