using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>How often the predicted class (argmax of y_pred) is the one-hot target's class (argmax of y_true)
/// (Keras <c>keras.metrics.CategoricalAccuracy</c>, name <c>categorical_accuracy</c>).</summary>
/// <remarks>Ties go to the first index in both argmaxes, as numpy and Keras do. Shapes (N, …, C).</remarks>
public sealed class CategoricalAccuracy : MeanMetricWrapper
{
    /// <summary>Creates the metric; <paramref name="name"/> is what logs show.</summary>
    public CategoricalAccuracy(string name = "categorical_accuracy") : base(name) { }

    public override bool? HigherIsBetter => true;

    protected override double[] Values(Tensor yTrue, Tensor yPred)
    {
        MetricMath.RequireSameSize(yTrue, yPred, Name);
        int width = MetricMath.Width(yPred), rows = yPred.Size / width;
        var t = yTrue.ToDoubleArray(); var p = yPred.ToDoubleArray();
        var v = new double[rows];
        for (int i = 0; i < rows; i++) v[i] = MetricMath.ArgMax(t, i, width) == MetricMath.ArgMax(p, i, width) ? 1 : 0;
        return v;
    }
}
