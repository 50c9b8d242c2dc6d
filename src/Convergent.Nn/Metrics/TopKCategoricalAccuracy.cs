using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>How often the one-hot target's class is among the k highest predictions
/// (Keras <c>keras.metrics.TopKCategoricalAccuracy</c>, name <c>top_k_categorical_accuracy</c>).</summary>
/// <remarks>The target class is argmax(y_true); it is in the top k when fewer than k classes score strictly higher
/// (TensorFlow's <c>in_top_k</c>: classes tied at the boundary all count as in).</remarks>
public sealed class TopKCategoricalAccuracy : MeanMetricWrapper
{
    /// <summary>Creates the metric (Keras default <c>k=5</c>).</summary>
    public TopKCategoricalAccuracy(int k = 5, string name = "top_k_categorical_accuracy") : base(name)
    {
        if (k < 1) throw new ArgumentException($"Argument `k` must be at least 1. Received: k={k}", nameof(k));
        K = k;
    }

    /// <summary>How many of the highest predictions count.</summary>
    public int K { get; }

    public override bool? HigherIsBetter => true;

    protected override double[] Values(Tensor yTrue, Tensor yPred)
    {
        MetricMath.RequireSameSize(yTrue, yPred, Name);
        int width = MetricMath.Width(yPred), rows = yPred.Size / width;
        var t = yTrue.ToDoubleArray(); var p = yPred.ToDoubleArray();
        var v = new double[rows];
        for (int i = 0; i < rows; i++) v[i] = MetricMath.InTopK(p, i, width, MetricMath.ArgMax(t, i, width), K) ? 1 : 0;
        return v;
    }
}
