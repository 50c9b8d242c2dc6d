using System.Numerics;

namespace Convergent.Kernels;

// Shape letters: N batch, H/W input height/width, C input channels, K output channels (filters),
// KH/KW kernel height/width, OH/OW output height/width.
// x is (N, H, W, C) when channels-last, else (N, C, H, W); y and dy are (N, OH, OW, K) or (N, K, OH, OW);
// the kernel is Keras's (KH, KW, C, K) for both data formats.

/// <summary>2-D convolution (cross-correlation, as Keras <c>Conv2D</c>) forward and backward, without bias.</summary>
public static class Conv2D
{
    /// <summary>y = conv(x, kernel); y is overwritten. Keras <c>Conv2D(use_bias=False)</c>.</summary>
    public static void Forward<T>(in Conv2DGeometry g, ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        g.Validate(x.Length, kernel.Length, y.Length, nameof(x), nameof(kernel), nameof(y));
        for (int n = 0; n < g.Batch; n++)
        for (int oh = 0; oh < g.OutHeight; oh++)
        for (int ow = 0; ow < g.OutWidth; ow++)
        for (int k = 0; k < g.OutChannels; k++)
        {
            T sum = T.Zero;
            for (int kh = 0; kh < g.KernelHeight; kh++)
            {
                int ih = oh * g.StrideHeight - g.PadTop + kh * g.DilationHeight;
                if ((uint)ih >= (uint)g.InHeight)
                    continue;
                for (int kw = 0; kw < g.KernelWidth; kw++)
                {
                    int iw = ow * g.StrideWidth - g.PadLeft + kw * g.DilationWidth;
                    if ((uint)iw >= (uint)g.InWidth)
                        continue;
                    for (int c = 0; c < g.InChannels; c++)
                        sum += x[InputIndex(g, n, c, ih, iw)] * kernel[KernelIndex(g, kh, kw, c, k)];
                }
            }
            y[OutputIndex(g, n, k, oh, ow)] = sum;
        }
    }

    /// <summary>dx += ∂L/∂x given dy = ∂L/∂y (the transposed convolution of dy with the kernel).</summary>
    public static void BackwardInput<T>(in Conv2DGeometry g, ReadOnlySpan<T> dy, ReadOnlySpan<T> kernel, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        g.Validate(dx.Length, kernel.Length, dy.Length, nameof(dx), nameof(kernel), nameof(dy));
        for (int n = 0; n < g.Batch; n++)
        for (int oh = 0; oh < g.OutHeight; oh++)
        for (int ow = 0; ow < g.OutWidth; ow++)
        for (int k = 0; k < g.OutChannels; k++)
        {
            T d = dy[OutputIndex(g, n, k, oh, ow)];
            for (int kh = 0; kh < g.KernelHeight; kh++)
            {
                int ih = oh * g.StrideHeight - g.PadTop + kh * g.DilationHeight;
                if ((uint)ih >= (uint)g.InHeight)
                    continue;
                for (int kw = 0; kw < g.KernelWidth; kw++)
                {
                    int iw = ow * g.StrideWidth - g.PadLeft + kw * g.DilationWidth;
                    if ((uint)iw >= (uint)g.InWidth)
                        continue;
                    for (int c = 0; c < g.InChannels; c++)
                        dx[InputIndex(g, n, c, ih, iw)] += d * kernel[KernelIndex(g, kh, kw, c, k)];
                }
            }
        }
    }

    /// <summary>dKernel += ∂L/∂kernel given x and dy = ∂L/∂y.</summary>
    public static void BackwardKernel<T>(in Conv2DGeometry g, ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dKernel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        g.Validate(x.Length, dKernel.Length, dy.Length, nameof(x), nameof(dKernel), nameof(dy));
        for (int n = 0; n < g.Batch; n++)
        for (int oh = 0; oh < g.OutHeight; oh++)
        for (int ow = 0; ow < g.OutWidth; ow++)
        for (int k = 0; k < g.OutChannels; k++)
        {
            T d = dy[OutputIndex(g, n, k, oh, ow)];
            for (int kh = 0; kh < g.KernelHeight; kh++)
            {
                int ih = oh * g.StrideHeight - g.PadTop + kh * g.DilationHeight;
                if ((uint)ih >= (uint)g.InHeight)
                    continue;
                for (int kw = 0; kw < g.KernelWidth; kw++)
                {
                    int iw = ow * g.StrideWidth - g.PadLeft + kw * g.DilationWidth;
                    if ((uint)iw >= (uint)g.InWidth)
                        continue;
                    for (int c = 0; c < g.InChannels; c++)
                        dKernel[KernelIndex(g, kh, kw, c, k)] += d * x[InputIndex(g, n, c, ih, iw)];
                }
            }
        }
    }

    private static int InputIndex(in Conv2DGeometry g, int n, int c, int h, int w) => g.ChannelsLast
        ? ((n * g.InHeight + h) * g.InWidth + w) * g.InChannels + c
        : ((n * g.InChannels + c) * g.InHeight + h) * g.InWidth + w;

    private static int OutputIndex(in Conv2DGeometry g, int n, int k, int h, int w) => g.ChannelsLast
        ? ((n * g.OutHeight + h) * g.OutWidth + w) * g.OutChannels + k
        : ((n * g.OutChannels + k) * g.OutHeight + h) * g.OutWidth + w;

    private static int KernelIndex(in Conv2DGeometry g, int kh, int kw, int c, int k) =>
        ((kh * g.KernelWidth + kw) * g.InChannels + c) * g.OutChannels + k;
}
