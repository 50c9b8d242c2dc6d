using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Mean of absolute errors (Keras <c>keras.losses.MeanAbsoluteError</c>, name <c>mean_absolute_error</c>).</summary>
/// <remarks>Per sample: mean(|y − ŷ|) over the last axis; (N, …, K) → (N, …). The derivative at 0 is taken as 0.</remarks>
public sealed class MeanAbsoluteError : Loss
{
    /// <summary>Creates the loss.</summary>
    public MeanAbsoluteError(Reduction reduction = Reduction.SumOverBatchSize) : base(reduction) { }

    public override string KerasName => "mean_absolute_error";

    public override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        (yTrue, yPred) = MatchRanks(yTrue, yPred);
        RequireSameShape(yTrue, yPred);
        return Ops.Mean(Ops.Abs(Ops.Subtract(yPred, yTrue)), [-1]);
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => BaseConfig();
}
