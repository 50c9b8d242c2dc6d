using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Numerics shared by the losses, composed from the differentiable primitives.</summary>
internal static class LossMath
{
    /// <summary>Keras's fuzz factor <c>keras.config.epsilon()</c>: probabilities are clipped to [ε, 1 − ε] before a log.</summary>
    public const double Epsilon = 1e-7;

    /// <summary>log softmax(x) along <paramref name="axis"/> as x − m − log Σ exp(x − m), with m = max(x) taken as a
    /// constant: subtracting it keeps exp from overflowing and does not change the value, so its gradient (which
    /// would cancel exactly) is not recorded.</summary>
    public static Tensor LogSoftmax(Tensor x, int axis)
    {
        Tensor m;
        using (Autograd.NoGrad()) m = Ops.Max(x, axis, keepDims: true).Detach();
        var shifted = Ops.Subtract(x, m);
        return Ops.Subtract(shifted, Ops.Log(Ops.Sum(Ops.Exp(shifted), [axis], keepDims: true)));
    }

    /// <summary>log of probabilities the Keras way: normalized by their sum along <paramref name="axis"/> (Keras does
    /// <c>output / sum(output)</c>), then clipped to [ε, 1 − ε]. The clip passes no gradient where it is active, so
    /// a saturated softmax output stops learning — as in Keras.</summary>
    public static Tensor ClippedLogProbabilities(Tensor p, int axis)
    {
        var normalized = Ops.Divide(p, Ops.Sum(p, [axis], keepDims: true));
        return Ops.Log(Ops.Clip(normalized, Epsilon, 1 - Epsilon));
    }

    /// <summary>A constant scalar zero of <paramref name="like"/>'s type, for max(x, 0).</summary>
    public static Tensor Zero(Tensor like) => Tensor.Zeros(new Shape(), like.DType);

    /// <summary>1 − x.</summary>
    public static Tensor OneMinus(Tensor x) => Ops.AddScalar(Ops.Negate(x), 1.0);

    /// <summary>Keras's <c>convert_binary_labels_to_hinge</c>: when every label is 0 or 1 they become −1 or 1 (2y − 1);
    /// labels already in {−1, 1} (or anything else) are left as they are.</summary>
    public static Tensor HingeLabels(Tensor yTrue)
    {
        for (int i = 0; i < yTrue.Size; i++)
        {
            double v = yTrue[i];
            if (v != 0 && v != 1) return yTrue;
        }
        return Ops.AddScalar(Ops.MultiplyScalar(yTrue, 2.0), -1.0);
    }

    /// <summary>max(1 − y·ŷ, 0) with hinge labels.</summary>
    public static Tensor HingeMargin(Tensor yTrue, Tensor yPred) =>
        Ops.Maximum(OneMinus(Ops.Multiply(HingeLabels(yTrue), yPred)), Zero(yPred));
}
