using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Hinge loss for maximum-margin classification (Keras <c>keras.losses.Hinge</c>, name <c>hinge</c>).</summary>
/// <remarks>Per sample: mean(max(1 − y·ŷ, 0)) over the last axis. Targets are −1 or 1; when all targets are 0 or 1
/// Keras converts them to −1/1 (2y − 1), and so does this loss.</remarks>
public sealed class Hinge : Loss
{
    /// <summary>Creates the loss.</summary>
    public Hinge(Reduction reduction = Reduction.SumOverBatchSize) : base(reduction) { }

    public override string KerasName => "hinge";

    public override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        (yTrue, yPred) = MatchRanks(yTrue, yPred);
        RequireSameShape(yTrue, yPred);
        return Ops.Mean(LossMath.HingeMargin(yTrue, yPred), [-1]);
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => BaseConfig();
}
