using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>How often the predicted class (argmax of y_pred, first index on ties) equals the integer label
/// (Keras <c>keras.metrics.SparseCategoricalAccuracy</c>, name <c>sparse_categorical_accuracy</c>).</summary>
/// <remarks>Labels (N,) or (N, 1) stored as floats; predictions (N, C).</remarks>
public sealed class SparseCategoricalAccuracy : MeanMetricWrapper
{
    /// <summary>Creates the metric; <paramref name="name"/> is what logs show.</summary>
    public SparseCategoricalAccuracy(string name = "sparse_categorical_accuracy") : base(name) { }

    public override bool? HigherIsBetter => true;

    protected override double[] Values(Tensor yTrue, Tensor yPred)
    {
        var labels = MetricMath.SparseLabels(yTrue, yPred, Name);
        int width = MetricMath.Width(yPred);
        var p = yPred.ToDoubleArray();
        var v = new double[labels.Length];
        for (int i = 0; i < v.Length; i++) v[i] = labels[i] == MetricMath.ArgMax(p, i, width) ? 1 : 0;
        return v;
    }
}
