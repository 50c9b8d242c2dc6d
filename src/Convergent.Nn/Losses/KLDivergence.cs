using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Kullback–Leibler divergence of the predicted distribution from the true one (Keras <c>keras.losses.KLDivergence</c>, name <c>kl_divergence</c>).</summary>
/// <remarks>Per sample: Σ y·log(y / ŷ) over the last axis, with both y and ŷ clipped to [ε, 1], ε = 1e-7 (Keras clips both, so zero targets contribute ≈ 0 and no log of 0 occurs).</remarks>
public sealed class KLDivergence : Loss
{
    /// <summary>Creates the loss.</summary>
    public KLDivergence(Reduction reduction = Reduction.SumOverBatchSize) : base(reduction) { }

    public override string KerasName => "kl_divergence";

    public override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        (yTrue, yPred) = MatchRanks(yTrue, yPred);
        RequireSameShape(yTrue, yPred);
        var t = Ops.Clip(yTrue, LossMath.Epsilon, 1.0);
        var p = Ops.Clip(yPred, LossMath.Epsilon, 1.0);
        return Ops.Sum(Ops.Multiply(t, Ops.Log(Ops.Divide(t, p))), [-1]);
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => BaseConfig();
}
