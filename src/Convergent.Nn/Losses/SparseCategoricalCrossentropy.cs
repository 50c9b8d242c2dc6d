using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Crossentropy between integer class labels and predicted class distributions
/// (Keras <c>keras.losses.SparseCategoricalCrossentropy</c>, name <c>sparse_categorical_crossentropy</c>).
/// </summary>
/// <remarks>
/// Per sample: −log p_label, with p computed as in <see cref="CategoricalCrossentropy"/> (probabilities normalized and
/// clipped to [1e-7, 1 − 1e-7], or log softmax of logits). Labels have shape (N,) or (N, 1) — or y_pred's shape
/// without its last axis, with or without a trailing 1 — and hold integers stored as floats. Samples whose label is
/// <see cref="IgnoreClass"/> cost 0 and are left out of the batch mean (Keras masks them).
/// </remarks>
public sealed class SparseCategoricalCrossentropy : Loss
{
    /// <summary>Creates the loss (Keras defaults: <c>from_logits=False, ignore_class=None</c>).</summary>
    public SparseCategoricalCrossentropy(bool fromLogits = false, int? ignoreClass = null,
        Reduction reduction = Reduction.SumOverBatchSize) : base(reduction)
    {
        _fromLogits = fromLogits;
        IgnoreClass = ignoreClass;
    }

    private readonly bool _fromLogits;

    public override string KerasName => "sparse_categorical_crossentropy";

    public override bool FromLogits => _fromLogits;

    /// <summary>A label value whose samples are ignored (e.g. a "void" class −1 or 255), or null.</summary>
    public int? IgnoreClass { get; }

    public override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        var labels = Labels(yTrue, yPred);
        int classes = yPred.Shape[-1];
        var oneHot = Tensor.Zeros(yPred.Shape, yPred.DType);
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] >= 0) oneHot[i * classes + labels[i]] = 1;
        var logP = FromLogits ? LossMath.LogSoftmax(yPred, -1) : LossMath.ClippedLogProbabilities(yPred, -1);
        return Ops.Negate(Ops.Sum(Ops.Multiply(oneHot, logP), [-1]));
    }

    protected override Tensor? ValidMask(Tensor yTrue, Tensor perSample)
    {
        if (IgnoreClass is not int ignore) return null;
        var mask = Tensor.Zeros(perSample.Shape, perSample.DType);
        for (int i = 0; i < mask.Size; i++) mask[i] = yTrue[i] == ignore ? 0 : 1;
        return mask;
    }

    /// <summary>The class index of every sample (−1 for ignored ones), validated.</summary>
    private int[] Labels(Tensor yTrue, Tensor yPred)
    {
        if (yPred.Rank < 1) throw new ArgumentException($"{KerasName}: y_pred must be at least rank 1. Received: y_pred.shape={yPred.Shape}");
        var expected = yPred.Shape.ToArray()[..^1];
        var got = yTrue.Shape.AsSpan();
        if (yTrue.Rank == yPred.Rank && got[^1] == 1) got = got[..^1];
        if (!got.SequenceEqual(expected))
            throw new ArgumentException(
                $"{KerasName}: labels must have shape {Shape.Format(expected)} or {Shape.Format([.. expected, 1])} for predictions of shape {yPred.Shape}. Received: y_true.shape={yTrue.Shape}");
        int classes = yPred.Shape[-1];
        var labels = new int[yTrue.Size];
        for (int i = 0; i < labels.Length; i++)
        {
            double v = yTrue[i];
            if (IgnoreClass is int ignore && v == ignore) { labels[i] = -1; continue; }
            if (!(v >= 0 && v < classes) || v != Math.Floor(v))
                throw new ArgumentException(
                    $"{KerasName}: label {v} (sample {i}) is not a class index: predictions have {classes} classes, so labels must be integers in [0, {classes - 1}].");
            labels[i] = (int)v;
        }
        return labels;
    }

    public override IReadOnlyDictionary<string, object?> GetConfig()
    {
        var c = BaseConfig();
        c["from_logits"] = FromLogits;
        c["ignore_class"] = IgnoreClass;
        return c;
    }
}
