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

    /// <summary>The reduced loss: weights each sample's loss by <paramref name="sampleWeight"/> (shape (N,)) if given,
    /// then reduces. As Keras's <c>reduce_weighted_values</c>: a mask from <see cref="ValidMask"/> (sparse
    /// crossentropy's <c>ignore_class</c>) joins the weights, and under <see cref="Reduction.SumOverBatchSize"/> the sum is
    /// divided by the number of valid values rather than all of them.</summary>
    public Tensor Compute(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        var per = Call(yTrue, yPred);
        var weight = sampleWeight is null ? null : AlignWeight(sampleWeight, per);
        var mask = ValidMask(yTrue, per);
        if (mask is not null)
        {
            // Keras apply_mask: valid entries weigh total/valid (0/0 → 0), so sum/total becomes sum/valid
            double valid = 0;
            for (int i = 0; i < mask.Size; i++) valid += mask[i];
            double scale = Reduction == Reduction.SumOverBatchSize ? (valid == 0 ? 0 : mask.Size / valid) : 1.0;
            var m = Ops.MultiplyScalar(mask, scale);
            weight = weight is null ? m : Ops.Multiply(weight, m);
        }
        if (weight is not null) per = Ops.Multiply(per, weight);
        return Reduction switch
        {
            Reduction.Sum => Ops.Sum(per),
            Reduction.None => per,
            _ => Ops.MultiplyScalar(Ops.Sum(per), 1.0 / Math.Max(per.Size, 1)),
        };
    }

    /// <summary>1 where a per-sample loss counts and 0 where it is masked out, shaped like <paramref name="perSample"/>;
    /// null (the default) when every value counts.</summary>
    protected virtual Tensor? ValidMask(Tensor yTrue, Tensor perSample) => null;

    /// <summary>Sample weights of shape (N,) reshaped to (N, 1, …) so they broadcast over per-sample losses of any rank,
    /// in the losses' element type.</summary>
    private static Tensor AlignWeight(Tensor sampleWeight, Tensor per)
    {
        var w = sampleWeight.DType == per.DType ? sampleWeight : sampleWeight.Cast(per.DType);
        if (per.Rank <= 1 || w.Rank != 1) return w;
        var dims = new int[per.Rank];
        Array.Fill(dims, 1);
        dims[0] = w.Shape[0];
        return Ops.Reshape(w, dims);
    }

    /// <summary>Keras's <c>squeeze_or_expand_to_same_rank</c> plus the cast of <c>y_true</c> to <c>y_pred</c>'s type:
    /// when the ranks differ by one and the larger has a last axis of 1, a rank-1 partner gains that axis, otherwise
    /// the larger loses it. So labels (N,) meet predictions (N, 1).</summary>
    protected static (Tensor YTrue, Tensor YPred) MatchRanks(Tensor yTrue, Tensor yPred)
    {
        if (yTrue.DType != yPred.DType) yTrue = yTrue.Cast(yPred.DType);
        if (yTrue.Rank == yPred.Rank + 1 && yTrue.Shape[-1] == 1)
        {
            if (yPred.Rank == 1) yPred = Ops.Reshape(yPred, yPred.Shape[0], 1);
            else yTrue = Ops.Reshape(yTrue, yTrue.Shape.ToArray()[..^1]);
        }
        else if (yPred.Rank == yTrue.Rank + 1 && yPred.Shape[-1] == 1)
        {
            if (yTrue.Rank == 1) yTrue = Ops.Reshape(yTrue, yTrue.Shape[0], 1);
            else yPred = Ops.Reshape(yPred, yPred.Shape.ToArray()[..^1]);
        }
        return (yTrue, yPred);
    }

    /// <summary>Throws unless the two shapes are equal, naming both (Keras's message).</summary>
    protected void RequireSameShape(Tensor yTrue, Tensor yPred)
    {
        if (!yTrue.Shape.Equals(yPred.Shape))
            throw new ArgumentException(
                $"{KerasName}: arguments `target` and `output` must have the same shape. Received: target.shape={yTrue.Shape}, output.shape={yPred.Shape}");
    }

    /// <summary>The configuration entries every Keras loss has: <c>name</c> and <c>reduction</c>.</summary>
    protected Dictionary<string, object?> BaseConfig() => new()
    {
        ["name"] = KerasName,
        ["reduction"] = Reduction switch
        {
            Reduction.Sum => "sum",
            Reduction.None => "none",
            _ => "sum_over_batch_size",
        },
    };

    /// <summary>The Keras configuration for serialization.</summary>
    public abstract IReadOnlyDictionary<string, object?> GetConfig();

    public override string ToString() => KerasName;
}
