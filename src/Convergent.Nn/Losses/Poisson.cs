using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Poisson negative log-likelihood, up to terms constant in the prediction (Keras <c>keras.losses.Poisson</c>, name <c>poisson</c>).</summary>
/// <remarks>Per sample: mean(ŷ − y·log(ŷ + ε)) over the last axis, ε = 1e-7 as in Keras; ŷ is expected to be a positive rate.</remarks>
public sealed class Poisson : Loss
{
    /// <summary>Creates the loss.</summary>
    public Poisson(Reduction reduction = Reduction.SumOverBatchSize) : base(reduction) { }

    public override string KerasName => "poisson";

    public override Tensor Call(Tensor yTrue, Tensor yPred)
    {
        (yTrue, yPred) = MatchRanks(yTrue, yPred);
        RequireSameShape(yTrue, yPred);
        return Ops.Mean(Ops.Subtract(yPred, Ops.Multiply(yTrue, Ops.Log(Ops.AddScalar(yPred, LossMath.Epsilon)))), [-1]);
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => BaseConfig();
}
