using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>How per-sample losses become the scalar that is minimized (Keras <c>reduction</c>).</summary>
public enum Reduction
{
    /// <summary>Keras's default: the (weighted) sum divided by the number of loss values.</summary>
    SumOverBatchSize,
    /// <summary>The (weighted) sum.</summary>
    Sum,
    /// <summary>No reduction: the per-sample losses.</summary>
    None,
}

/// <summary>
/// A training objective (Keras <c>keras.losses.Loss</c>). <see cref="Call"/> gives one value per sample;
/// <see cref="Compute"/> applies sample weights and the reduction.
/// </summary>
public abstract class Loss
{
    /// <summary>Stores the reduction.</summary>
    protected Loss(Reduction reduction = Reduction.SumOverBatchSize) => Reduction = reduction;

    /// <summary>The reduction applied by <see cref="Compute"/>.</summary>
    public Reduction Reduction { get; }

    /// <summary>Keras name, e.g. <c>categorical_crossentropy</c>.</summary>
    public abstract string KerasName { get; }

    /// <summary>Whether predictions are logits rather than probabilities (crossentropies only).</summary>
    public virtual bool FromLogits => false;

    /// <summary>Per-sample losses, shape (N,), differentiable with respect to <paramref name="yPred"/>.</summary>
    public abstract Tensor Call(Tensor yTrue, Tensor yPred);

    /// <summary>The reduced loss: weights each sample's loss by <paramref name="sampleWeight"/> (shape (N,)) if given.</summary>
    public Tensor Compute(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        var per = Call(yTrue, yPred);
        if (sampleWeight is not null) per = Ops.Multiply(per, sampleWeight);
        return Reduction switch
        {
            Reduction.Sum => Ops.Sum(per),
            Reduction.None => per,
            _ => Ops.MultiplyScalar(Ops.Sum(per), 1.0 / Math.Max(per.Size, 1)),
        };
    }

    /// <summary>The Keras configuration for serialization.</summary>
    public abstract IReadOnlyDictionary<string, object?> GetConfig();

    public override string ToString() => KerasName;
}
