using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Squared hinge loss (Keras <c>keras.losses.SquaredHinge</c>, name <c>squared_hinge</c>).</summary>
/// <remarks>Per sample: mean(max(1 − y·ŷ, 0)²) over the last axis; 0/1 targets are converted to −1/1 as for
/// <see cref="Hinge"/>.</remarks>
public sealed class SquaredHinge : Loss
{
    /// <summary>Creates the loss.</summary>
    public SquaredHinge(Reduction reduction = Reduction.SumOverBatchSize) : base(reduction) { }

    public override string KerasName => "squared_hinge";

    public override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        (yTrue, yPred) = MatchRanks(yTrue, yPred);
        RequireSameShape(yTrue, yPred);
        return Ops.Mean(Ops.Square(LossMath.HingeMargin(yTrue, yPred)), [-1]);
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => BaseConfig();
}
