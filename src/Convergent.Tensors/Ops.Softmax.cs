namespace Convergent.Tensors;

public static partial class Ops
{
    /// <summary>
    /// softmax(x)ᵢ = e^(xᵢ − m) / Σⱼ e^(xⱼ − m), m = maxⱼ xⱼ, along <paramref name="axis"/> (Keras
    /// <c>keras.ops.softmax(x, axis=-1)</c>). Subtracting the row maximum changes nothing mathematically and keeps e^x
    /// from overflowing. Backward: dx = y ⊙ (dy − Σⱼ dyⱼyⱼ).
    /// </summary>
    public static Tensor Softmax(Tensor x, int axis = -1) => AlongLastAxis(x, axis, SoftmaxLastAxis);

    /// <summary>
    /// log softmax(x)ᵢ = xᵢ − m − log Σⱼ e^(xⱼ − m) along <paramref name="axis"/> (Keras <c>keras.ops.log_softmax</c>):
    /// finite even where softmax underflows to 0, which is why crossentropy on logits uses it.
    /// Backward: dx = dy − softmax(x)·Σⱼ dyⱼ.
    /// </summary>
    public static Tensor LogSoftmax(Tensor x, int axis = -1) => AlongLastAxis(x, axis, LogSoftmaxLastAxis);

    /// <summary>Runs a last-axis row op on any axis by moving that axis last and back (both moves differentiable).</summary>
    private static Tensor AlongLastAxis(Tensor x, int axis, Func<Tensor, Tensor> lastAxisOp)
    {
        if (x.Rank == 0) throw new ArgumentException("Softmax needs at least one axis; got a scalar.");
        axis = x.Shape.NormalizeAxis(axis);
        if (axis == x.Rank - 1) return lastAxisOp(x);
        var perm = Enumerable.Range(0, x.Rank).ToArray();
        (perm[axis], perm[^1]) = (perm[^1], perm[axis]);       // a swap is its own inverse
        return Transpose(lastAxisOp(Transpose(x, perm)), perm);
    }

    private static Tensor SoftmaxLastAxis(Tensor x)
    {
        int cols = x.Shape[-1], rows = cols == 0 ? 0 : x.Size / cols;
        var y = Tensor.Scratch(x.Shape, x.DType);
        if (IsF32(x)) Kernels.Softmax.Forward(x.AsSpan<float>(), y.AsSpan<float>(), rows, cols);
        else Kernels.Softmax.Forward(x.AsSpan<double>(), y.AsSpan<double>(), rows, cols);
        return Autograd.Record(y, "Softmax", [x], dy =>
        {
            if (IsF32(x)) Kernels.Softmax.Backward(y.AsSpan<float>(), dy.AsSpan<float>(), x.GradBuffer().AsSpan<float>(), rows, cols);
            else Kernels.Softmax.Backward(y.AsSpan<double>(), dy.AsSpan<double>(), x.GradBuffer().AsSpan<double>(), rows, cols);
        });
    }

    private static Tensor LogSoftmaxLastAxis(Tensor x)
    {
        int cols = x.Shape[-1], rows = cols == 0 ? 0 : x.Size / cols;
        var y = Tensor.Scratch(x.Shape, x.DType);
        if (IsF32(x)) Kernels.LogSoftmax.Forward(x.AsSpan<float>(), y.AsSpan<float>(), rows, cols);
        else Kernels.LogSoftmax.Forward(x.AsSpan<double>(), y.AsSpan<double>(), rows, cols);
        return Autograd.Record(y, "LogSoftmax", [x], dy =>
        {
            if (IsF32(x)) Kernels.LogSoftmax.Backward(y.AsSpan<float>(), dy.AsSpan<float>(), x.GradBuffer().AsSpan<float>(), rows, cols);
            else Kernels.LogSoftmax.Backward(y.AsSpan<double>(), dy.AsSpan<double>(), x.GradBuffer().AsSpan<double>(), rows, cols);
        });
    }
}
