using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Crossentropy between binary targets and predicted probabilities of the positive class
/// (Keras <c>keras.losses.BinaryCrossentropy</c>, name <c>binary_crossentropy</c>).
/// </summary>
/// <remarks>
/// Elementwise: −(y·log p + (1 − y)·log(1 − p)) with p = clip(ŷ, ε, 1 − ε), ε = 1e-7 (no gradient where clipped).
/// With <see cref="FromLogits"/> the stable form of TensorFlow's <c>sigmoid_cross_entropy_with_logits</c>:
/// max(x, 0) − x·y + log(1 + exp(−|x|)), which never clips. <see cref="LabelSmoothing"/> s replaces y by
/// y·(1 − s) + s/2. The per-sample loss is the mean over the last axis: (N, …, K) → (N, …); labels (N,) meet
/// predictions (N, 1).
/// </remarks>
public sealed class BinaryCrossentropy : Loss
{
    /// <summary>Creates the loss (Keras defaults: <c>from_logits=False, label_smoothing=0.0</c>).</summary>
    public BinaryCrossentropy(bool fromLogits = false, double labelSmoothing = 0.0,
        Reduction reduction = Reduction.SumOverBatchSize) : base(reduction)
    {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new ArgumentException($"Argument `label_smoothing` must be in [0, 1]. Received: label_smoothing={labelSmoothing}", nameof(labelSmoothing));
        _fromLogits = fromLogits;
        LabelSmoothing = labelSmoothing;
    }

    private readonly bool _fromLogits;

    public override string KerasName => "binary_crossentropy";

    public override bool FromLogits => _fromLogits;

    /// <summary>Label smoothing factor in [0, 1].</summary>
    public double LabelSmoothing { get; }

    public override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        (yTrue, yPred) = MatchRanks(yTrue, yPred);
        RequireSameShape(yTrue, yPred);
        if (LabelSmoothing > 0)
            yTrue = Ops.AddScalar(Ops.MultiplyScalar(yTrue, 1 - LabelSmoothing), 0.5 * LabelSmoothing);
        Tensor elementwise;
        if (FromLogits)
        {
            var softplusOfMinusAbs = Ops.Log(Ops.AddScalar(Ops.Exp(Ops.Negate(Ops.Abs(yPred))), 1.0));
            elementwise = Ops.Add(Ops.Subtract(Ops.Maximum(yPred, LossMath.Zero(yPred)), Ops.Multiply(yPred, yTrue)), softplusOfMinusAbs);
        }
        else
        {
            var p = Ops.Clip(yPred, LossMath.Epsilon, 1 - LossMath.Epsilon);
            var positive = Ops.Multiply(yTrue, Ops.Log(p));
            var negative = Ops.Multiply(LossMath.OneMinus(yTrue), Ops.Log(LossMath.OneMinus(p)));
            elementwise = Ops.Negate(Ops.Add(positive, negative));
        }
        return Ops.Mean(elementwise, [-1]);
    }

    public override IReadOnlyDictionary<string, object?> GetConfig()
    {
        var c = BaseConfig();
        c["from_logits"] = FromLogits;
        c["label_smoothing"] = LabelSmoothing;
        return c;
    }
}
