using System.Numerics;
using Convergent.Kernels;

namespace Convergent.Tensors;

public static partial class Ops
{
    /// <summary>
    /// 2-D convolution (cross-correlation, as Keras) of x — (N, H, W, C) channels_last or (N, C, H, W)
    /// channels_first — with a kernel of Keras layout (KH, KW, C, K). No bias (the layer adds it).
    /// </summary>
    public static Tensor Conv2D(Tensor x, Tensor kernel, int strideHeight = 1, int strideWidth = 1,
        int dilationHeight = 1, int dilationWidth = 1, bool samePadding = false, bool channelsLast = true)
    {
        RequireSameType(x, kernel, "Conv2D");
        if (x.Rank != 4) throw new ArgumentException($"Conv2D expects a 4-D input (batch, …); got shape {x.Shape}.");
        if (kernel.Rank != 4) throw new ArgumentException($"Conv2D expects a 4-D kernel (kh, kw, in, out); got shape {kernel.Shape}.");
        int n = x.Shape[0];
        int h = channelsLast ? x.Shape[1] : x.Shape[2], w = channelsLast ? x.Shape[2] : x.Shape[3];
        int c = channelsLast ? x.Shape[3] : x.Shape[1];
        if (kernel.Shape[2] != c)
            throw new ArgumentException($"Conv2D: input has {c} channels (shape {x.Shape}) but the kernel expects {kernel.Shape[2]} (kernel {kernel.Shape}).");
        var g = Conv2DGeometry.Create(n, h, w, c, kernel.Shape[3], kernel.Shape[0], kernel.Shape[1],
            strideHeight, strideWidth, dilationHeight, dilationWidth, samePadding, channelsLast);
        var outShape = channelsLast ? new Shape(n, g.OutHeight, g.OutWidth, g.OutChannels)
                                    : new Shape(n, g.OutChannels, g.OutHeight, g.OutWidth);
        var y = Tensor.Scratch(outShape, x.DType);
        if (IsF32(x)) Kernels.Conv2D.Forward(g, x.AsSpan<float>(), kernel.AsSpan<float>(), y.AsSpan<float>());
        else Kernels.Conv2D.Forward(g, x.AsSpan<double>(), kernel.AsSpan<double>(), y.AsSpan<double>());
        return Autograd.Record(y, "Conv2D", [x, kernel], dy =>
        {
            if (IsF32(x)) ConvBackward<float>(g, x, kernel, dy); else ConvBackward<double>(g, x, kernel, dy);
        });
    }

    private static void ConvBackward<T>(Conv2DGeometry g, Tensor x, Tensor kernel, Tensor dy) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.RequiresGrad) Kernels.Conv2D.BackwardInput(g, dy.AsSpan<T>(), kernel.AsSpan<T>(), x.GradBuffer().AsSpan<T>());
        if (kernel.RequiresGrad) Kernels.Conv2D.BackwardKernel(g, x.AsSpan<T>(), dy.AsSpan<T>(), kernel.GradBuffer().AsSpan<T>());
    }
}
