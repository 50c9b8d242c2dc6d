using Convergent.Kernels;

namespace Convergent.Tensors;

public static partial class Ops
{
    /// <summary>
    /// 2-D max pooling of x — (N, H, W, C) channels_last or (N, C, H, W) — with Keras/TensorFlow window geometry
    /// (<see cref="Pool2DGeometry.Create"/>: 'same' pads are never read). Backward routes each window's gradient to its
    /// first maximal cell. Keras <c>MaxPooling2D</c>.
    /// </summary>
    public static Tensor MaxPool2D(Tensor x, int poolHeight, int poolWidth, int strideHeight, int strideWidth,
        bool samePadding = false, bool channelsLast = true) =>
        Pool(x, poolHeight, poolWidth, strideHeight, strideWidth, samePadding, channelsLast, max: true);

    /// <summary>
    /// 2-D average pooling; a 'same' window at the border averages only the cells inside the input (TensorFlow's
    /// count). Backward spreads dy/count over each window. Keras <c>AveragePooling2D</c>.
    /// </summary>
    public static Tensor AvgPool2D(Tensor x, int poolHeight, int poolWidth, int strideHeight, int strideWidth,
        bool samePadding = false, bool channelsLast = true) =>
        Pool(x, poolHeight, poolWidth, strideHeight, strideWidth, samePadding, channelsLast, max: false);

    /// <summary>Mean over the spatial axes: (N, H, W, C) or (N, C, H, W) → (N, C). Keras <c>GlobalAveragePooling2D</c>.</summary>
    public static Tensor GlobalAvgPool2D(Tensor x, bool channelsLast = true) => GlobalPool(x, channelsLast, max: false);

    /// <summary>Maximum over the spatial axes: → (N, C); the gradient goes to the first maximal cell. Keras
    /// <c>GlobalMaxPooling2D</c>.</summary>
    public static Tensor GlobalMaxPool2D(Tensor x, bool channelsLast = true) => GlobalPool(x, channelsLast, max: true);

    private static Tensor Pool(Tensor x, int ph, int pw, int sh, int sw, bool same, bool channelsLast, bool max)
    {
        var (n, h, w, c) = Spatial(x, channelsLast, max ? "MaxPool2D" : "AvgPool2D");
        var g = Pool2DGeometry.Create(n, h, w, c, ph, pw, sh, sw, same, channelsLast);
        var y = Tensor.Scratch(channelsLast ? new Shape(n, g.OutHeight, g.OutWidth, c) : new Shape(n, c, g.OutHeight, g.OutWidth), x.DType);
        if (IsF32(x))
        {
            if (max) Kernels.MaxPool2D.Forward(g, x.AsSpan<float>(), y.AsSpan<float>());
            else Kernels.AvgPool2D.Forward(g, x.AsSpan<float>(), y.AsSpan<float>());
        }
        else
        {
            if (max) Kernels.MaxPool2D.Forward(g, x.AsSpan<double>(), y.AsSpan<double>());
            else Kernels.AvgPool2D.Forward(g, x.AsSpan<double>(), y.AsSpan<double>());
        }
        return Autograd.Record(y, max ? "MaxPool2D" : "AvgPool2D", [x], dy =>
        {
            if (IsF32(x))
            {
                if (max) Kernels.MaxPool2D.Backward(g, x.AsSpan<float>(), dy.AsSpan<float>(), x.GradBuffer().AsSpan<float>());
                else Kernels.AvgPool2D.Backward(g, x.AsSpan<float>(), dy.AsSpan<float>(), x.GradBuffer().AsSpan<float>());
            }
            else
            {
                if (max) Kernels.MaxPool2D.Backward(g, x.AsSpan<double>(), dy.AsSpan<double>(), x.GradBuffer().AsSpan<double>());
                else Kernels.AvgPool2D.Backward(g, x.AsSpan<double>(), dy.AsSpan<double>(), x.GradBuffer().AsSpan<double>());
            }
        });
    }

    private static Tensor GlobalPool(Tensor x, bool channelsLast, bool max)
    {
        var (n, h, w, c) = Spatial(x, channelsLast, max ? "GlobalMaxPool2D" : "GlobalAvgPool2D");
        var y = Tensor.Scratch(new Shape(n, c), x.DType, zeroed: true);
        if (IsF32(x))
        {
            if (max) Kernels.GlobalMaxPool2D.Forward(x.AsSpan<float>(), y.AsSpan<float>(), n, h, w, c, channelsLast);
            else Kernels.GlobalAvgPool2D.Forward(x.AsSpan<float>(), y.AsSpan<float>(), n, h, w, c, channelsLast);
        }
        else
        {
            if (max) Kernels.GlobalMaxPool2D.Forward(x.AsSpan<double>(), y.AsSpan<double>(), n, h, w, c, channelsLast);
            else Kernels.GlobalAvgPool2D.Forward(x.AsSpan<double>(), y.AsSpan<double>(), n, h, w, c, channelsLast);
        }
        return Autograd.Record(y, max ? "GlobalMaxPool2D" : "GlobalAvgPool2D", [x], dy =>
        {
            if (IsF32(x))
            {
                if (max) Kernels.GlobalMaxPool2D.Backward(x.AsSpan<float>(), dy.AsSpan<float>(), x.GradBuffer().AsSpan<float>(), n, h, w, c, channelsLast);
                else Kernels.GlobalAvgPool2D.Backward(x.AsSpan<float>(), dy.AsSpan<float>(), x.GradBuffer().AsSpan<float>(), n, h, w, c, channelsLast);
            }
            else
            {
                if (max) Kernels.GlobalMaxPool2D.Backward(x.AsSpan<double>(), dy.AsSpan<double>(), x.GradBuffer().AsSpan<double>(), n, h, w, c, channelsLast);
                else Kernels.GlobalAvgPool2D.Backward(x.AsSpan<double>(), dy.AsSpan<double>(), x.GradBuffer().AsSpan<double>(), n, h, w, c, channelsLast);
            }
        });
    }

    private static (int N, int H, int W, int C) Spatial(Tensor x, bool channelsLast, string op)
    {
        if (x.Rank != 4) throw new ArgumentException($"{op} expects a 4-D input (batch, …); got shape {x.Shape}.");
        return channelsLast ? (x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]) : (x.Shape[0], x.Shape[2], x.Shape[3], x.Shape[1]);
    }
}
