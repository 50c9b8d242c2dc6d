using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Crossentropy between one-hot (or soft) targets and predicted class distributions
/// (Keras <c>keras.losses.CategoricalCrossentropy</c>, name <c>categorical_crossentropy</c>).
/// </summary>
/// <remarks>
/// Per sample: −Σ_c y_c · log p_c along <see cref="Axis"/>. With probabilities (the default) p = clip(ŷ / Σŷ, ε, 1 − ε),
/// ε = 1e-7, exactly as Keras: a predicted probability of 0 for the true class costs −ln 1e-7 ≈ 16.118 and, being
/// clipped, passes no gradient. With <see cref="FromLogits"/> log p = log softmax(ŷ), computed stably.
/// <see cref="LabelSmoothing"/> s replaces y by y·(1 − s) + s / C.
/// Shapes: y_true and y_pred (N, …, C) → per-sample loss (N, …).
/// </remarks>
public sealed class CategoricalCrossentropy : Loss
{
    /// <summary>Creates the loss (Keras defaults: <c>from_logits=False, label_smoothing=0.0, axis=-1</c>).</summary>
    public CategoricalCrossentropy(bool fromLogits = false, double labelSmoothing = 0.0, int axis = -1,
        Reduction reduction = Reduction.SumOverBatchSize) : base(reduction)
    {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new ArgumentException($"Argument `label_smoothing` must be in [0, 1]. Received: label_smoothing={labelSmoothing}", nameof(labelSmoothing));
        _fromLogits = fromLogits;
        LabelSmoothing = labelSmoothing;
        Axis = axis;
    }

    private readonly bool _fromLogits;

    public override string KerasName => "categorical_crossentropy";

    public override bool FromLogits => _fromLogits;

    /// <summary>Label smoothing factor in [0, 1].</summary>
    public double LabelSmoothing { get; }

    /// <summary>The class axis.</summary>
    public int Axis { get; }

    public override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        (yTrue, yPred) = MatchRanks(yTrue, yPred);
        RequireSameShape(yTrue, yPred);
        int axis = yPred.Shape.NormalizeAxis(Axis);
        if (LabelSmoothing > 0)
            yTrue = Ops.AddScalar(Ops.MultiplyScalar(yTrue, 1 - LabelSmoothing), LabelSmoothing / yPred.Shape[axis]);
        // probabilities along the last axis (every Keras classifier): the fused primitive, the same math as below
        if (!FromLogits && axis == yPred.Rank - 1) return Ops.ClippedCategoricalCrossentropy(yTrue, yPred, LossMath.Epsilon);
        var logP = FromLogits ? LossMath.LogSoftmax(yPred, axis) : LossMath.ClippedLogProbabilities(yPred, axis);
        return Ops.Negate(Ops.Sum(Ops.Multiply(yTrue, logP), [axis]));
    }

    public override IReadOnlyDictionary<string, object?> GetConfig()
    {
        var c = BaseConfig();
        c["from_logits"] = FromLogits;
        c["label_smoothing"] = LabelSmoothing;
        c["axis"] = Axis;
        return c;
    }
}
