using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Mean of squared errors (Keras <c>keras.losses.MeanSquaredError</c>, name <c>mean_squared_error</c>).</summary>
/// <remarks>Per sample: mean((y − ŷ)²) over the last axis; (N, …, K) → (N, …).</remarks>
public sealed class MeanSquaredError : Loss
{
    /// <summary>Creates the loss.</summary>
    public MeanSquaredError(Reduction reduction = Reduction.SumOverBatchSize) : base(reduction) { }

    public override string KerasName => "mean_squared_error";

    public override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        (yTrue, yPred) = MatchRanks(yTrue, yPred);
        RequireSameShape(yTrue, yPred);
        return Ops.Mean(Ops.Square(Ops.Subtract(yPred, yTrue)), [-1]);
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => BaseConfig();
}
