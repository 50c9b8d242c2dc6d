using System.Numerics;
using System.Numerics.Tensors;

namespace Convergent.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Keras's categorical crossentropy of probabilities along the last axis, as one primitive:
    /// L = −Σⱼ yⱼ · log cⱼ with c = clip(p / Σⱼ pⱼ, ε, 1 − ε). Shapes: y and p (…, C) → L (…).
    /// Backward (g = dL upstream, S = Σⱼ pⱼ, q = p/S): ∂L/∂cⱼ = −g·yⱼ/cⱼ, passed to q where ε ≤ qⱼ ≤ 1 − ε and 0 where the
    /// clip is active (so a saturated prediction stops learning, as in Keras); dpₖ += ∂L/∂qₖ/S − Σⱼ(∂L/∂qⱼ·pⱼ)/S²;
    /// dyⱼ += −g·log cⱼ.
    /// </summary>
    /// <remarks>
    /// Fused for measured speed only: it is exactly the composition sum → divide → clip → log → multiply → sum → negate
    /// (kept in the losses as the reference for other axes, and tested against this in double, saturated rows
    /// included), but as seven ops on a (batch, classes) tensor it cost each step seven results, seven tape nodes and
    /// the broadcast temporaries of the divide's backward — a sixth of a small model's step.
    /// </remarks>
    public static Tensor ClippedCategoricalCrossentropy(Tensor yTrue, Tensor yPred, double epsilon)
    {
        RequireSameType(yTrue, yPred, "ClippedCategoricalCrossentropy");
        if (!yTrue.Shape.Equals(yPred.Shape) || yPred.Rank == 0)
            throw new ArgumentException($"ClippedCategoricalCrossentropy needs targets and predictions of one shape with a class axis; got {yTrue.Shape} and {yPred.Shape}.");
        int classes = yPred.Shape[-1], rows = classes == 0 ? 0 : yPred.Size / classes;
        var outDims = yPred.Shape.ToArray()[..^1];
        var loss = Tensor.Scratch(new Shape(outDims), yPred.DType);
        if (IsF32(yPred)) CrossentropyForward<float>(yTrue, yPred, loss, rows, classes, (float)epsilon);
        else CrossentropyForward<double>(yTrue, yPred, loss, rows, classes, epsilon);
        return Autograd.Record(loss, "ClippedCategoricalCrossentropy", [yTrue, yPred], dy =>
        {
            if (IsF32(yPred)) CrossentropyBackward<float>(yTrue, yPred, dy, rows, classes, (float)epsilon);
            else CrossentropyBackward<double>(yTrue, yPred, dy, rows, classes, epsilon);
        });
    }

    private static void CrossentropyForward<T>(Tensor yTrue, Tensor yPred, Tensor loss, int rows, int classes, T epsilon)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = yTrue.AsSpan<T>(); var p = yPred.AsSpan<T>(); var l = loss.AsSpan<T>();
        T hi = T.One - epsilon;
        for (int r = 0; r < rows; r++)
        {
            var pr = p.Slice(r * classes, classes); var yr = y.Slice(r * classes, classes);
            T s = TensorPrimitives.Sum<T>(pr), sum = T.Zero;
            for (int j = 0; j < classes; j++)
                sum += yr[j] * T.Log(T.Clamp(pr[j] / s, epsilon, hi));
            l[r] = -sum;
        }
    }

    private static void CrossentropyBackward<T>(Tensor yTrue, Tensor yPred, Tensor dy, int rows, int classes, T epsilon)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = yTrue.AsSpan<T>(); var p = yPred.AsSpan<T>(); var g = dy.AsSpan<T>();
        T hi = T.One - epsilon;
        Span<T> dp = yPred.RequiresGrad ? yPred.GradBuffer().AsSpan<T>() : default;
        Span<T> dt = yTrue.RequiresGrad ? yTrue.GradBuffer().AsSpan<T>() : default;
        for (int r = 0; r < rows; r++)
        {
            var pr = p.Slice(r * classes, classes); var yr = y.Slice(r * classes, classes);
            T s = TensorPrimitives.Sum<T>(pr), gr = g[r];
            if (!dt.IsEmpty)
                for (int j = 0; j < classes; j++)
                    dt[r * classes + j] -= gr * T.Log(T.Clamp(pr[j] / s, epsilon, hi));
            if (dp.IsEmpty) continue;
            // ∂L/∂qⱼ, then through q = p/S: dpₖ = ∂L/∂qₖ/S − Σⱼ ∂L/∂qⱼ·pⱼ/S²
            T dot = T.Zero;
            for (int j = 0; j < classes; j++)
            {
                T q = pr[j] / s;
                if (q >= epsilon && q <= hi) dot += -gr * yr[j] / q * pr[j];
            }
            T s2 = s * s;
            var dpr = dp.Slice(r * classes, classes);
            for (int k = 0; k < classes; k++)
            {
                T q = pr[k] / s;
                T gq = q >= epsilon && q <= hi ? -gr * yr[k] / q : T.Zero;
                dpr[k] += gq / s - dot / s2;
            }
        }
    }
}
