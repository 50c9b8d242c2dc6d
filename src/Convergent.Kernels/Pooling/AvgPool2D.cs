using System.Numerics;
using System.Numerics.Tensors;

namespace Convergent.Kernels;

// Shape letters: N batch, H/W input height/width, C channels, OH/OW output height/width.
// x, dx are (N, H, W, C) when g.ChannelsLast, else (N, C, H, W); y, dy are (N, OH, OW, C) or (N, C, OH, OW).

/// <summary>
/// 2-D average pooling: y[n, oh, ow, c] = mean of x[n, h, w, c] over the window of (oh, ow), the count taken over
/// the cells inside the input only (padding excluded, as TensorFlow/Keras 'same'; see <see cref="Pool2DGeometry"/>).
/// Keras: <c>AveragePooling2D(pool_size, strides, padding, data_format)</c>.
/// </summary>
/// <remarks>Channels-last is vectorized over C; channels-first walks each (n, c) plane. Images are swept in parallel ranges (<see cref="PoolBatches"/>).</remarks>
public static class AvgPool2D
{
    /// <summary>y = the window means of x; y is overwritten.</summary>
    public static void Forward<T>(in Pool2DGeometry g, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        g.Validate(x.Length, y.Length, nameof(x), nameof(y));
        unsafe { PoolBatches.Forward(g, x, y, &ForwardSerial<T>); }
    }

    private static void ForwardSerial<T>(in Pool2DGeometry g, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (g.ChannelsLast)
            ForwardChannelsLast(g, x, y);
        else
            ForwardChannelsFirst(g, x, y);
    }

    /// <summary>dx += dy/count spread over every cell of each window (x is not read; it is in the signature for
    /// symmetry with <see cref="MaxPool2D.Backward{T}"/>, and its length is checked).</summary>
    public static void Backward<T>(in Pool2DGeometry g, ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        g.Validate(x.Length, dy.Length, nameof(x), nameof(dy));
        ElementwiseDriver.RequireSameLength(x.Length, dx.Length, nameof(dx));
        unsafe { PoolBatches.Backward(g, x, dy, dx, &BackwardSerial<T>); }
    }

    private static void BackwardSerial<T>(in Pool2DGeometry g, ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (g.ChannelsLast)
            BackwardChannelsLast(g, dy, dx);
        else
            BackwardChannelsFirst(g, dy, dx);
    }

    private static void ForwardChannelsLast<T>(in Pool2DGeometry g, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = g.Channels;
        for (int n = 0; n < g.Batch; n++)
        {
            for (int oh = 0; oh < g.OutHeight; oh++)
            {
                var (h0, h1) = g.Rows(oh);
                for (int ow = 0; ow < g.OutWidth; ow++)
                {
                    var (w0, w1) = g.Columns(ow);
                    Span<T> yCell = y.Slice(((n * g.OutHeight + oh) * g.OutWidth + ow) * c, c);
                    x.Slice(((n * g.InHeight + h0) * g.InWidth + w0) * c, c).CopyTo(yCell);
                    for (int h = h0; h < h1; h++)
                    {
                        for (int w = h == h0 ? w0 + 1 : w0; w < w1; w++)
                            AddInto(x.Slice(((n * g.InHeight + h) * g.InWidth + w) * c, c), yCell);
                    }
                    DivideInPlace(yCell, T.CreateTruncating((h1 - h0) * (w1 - w0)));
                }
            }
        }
    }

    private static void ForwardChannelsFirst<T>(in Pool2DGeometry g, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int planeIn = g.InHeight * g.InWidth, planeOut = g.OutHeight * g.OutWidth;
        for (int p = 0; p < g.Batch * g.Channels; p++)
        {
            ReadOnlySpan<T> plane = x.Slice(p * planeIn, planeIn);
            Span<T> yPlane = y.Slice(p * planeOut, planeOut);
            for (int oh = 0; oh < g.OutHeight; oh++)
            {
                var (h0, h1) = g.Rows(oh);
                for (int ow = 0; ow < g.OutWidth; ow++)
                {
                    var (w0, w1) = g.Columns(ow);
                    T sum = T.Zero;
                    for (int h = h0; h < h1; h++)
                    {
                        for (int w = w0; w < w1; w++)
                            sum += plane[h * g.InWidth + w];
                    }
                    yPlane[oh * g.OutWidth + ow] = sum / T.CreateTruncating((h1 - h0) * (w1 - w0));
                }
            }
        }
    }

    private static void BackwardChannelsLast<T>(in Pool2DGeometry g, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = g.Channels;
        for (int n = 0; n < g.Batch; n++)
        {
            for (int oh = 0; oh < g.OutHeight; oh++)
            {
                var (h0, h1) = g.Rows(oh);
                for (int ow = 0; ow < g.OutWidth; ow++)
                {
                    var (w0, w1) = g.Columns(ow);
                    T share = T.One / T.CreateTruncating((h1 - h0) * (w1 - w0));
                    ReadOnlySpan<T> dyCell = dy.Slice(((n * g.OutHeight + oh) * g.OutWidth + ow) * c, c);
                    for (int h = h0; h < h1; h++)
                    {
                        for (int w = w0; w < w1; w++)
                        {
                            Span<T> dxCell = dx.Slice(((n * g.InHeight + h) * g.InWidth + w) * c, c);
                            MultiplyAddInto(dyCell, share, dxCell);
                        }
                    }
                }
            }
        }
    }

    private static void BackwardChannelsFirst<T>(in Pool2DGeometry g, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int planeIn = g.InHeight * g.InWidth, planeOut = g.OutHeight * g.OutWidth;
        for (int p = 0; p < g.Batch * g.Channels; p++)
        {
            Span<T> dxPlane = dx.Slice(p * planeIn, planeIn);
            for (int oh = 0; oh < g.OutHeight; oh++)
            {
                var (h0, h1) = g.Rows(oh);
                for (int ow = 0; ow < g.OutWidth; ow++)
                {
                    var (w0, w1) = g.Columns(ow);
                    // dy·(1/count), rounded as in the channels-last path, so both layouts agree bit for bit.
                    T share = dy[p * planeOut + oh * g.OutWidth + ow] * (T.One / T.CreateTruncating((h1 - h0) * (w1 - w0)));
                    for (int h = h0; h < h1; h++)
                    {
                        for (int w = w0; w < w1; w++)
                            dxPlane[h * g.InWidth + w] += share;
                    }
                }
            }
        }
    }

    // Below this many channels a TensorPrimitives call costs more than the scalar loop it replaces.
    private const int ScalarLimit = 16;

    private static void DivideInPlace<T>(Span<T> y, T count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (y.Length < ScalarLimit)
        {
            for (int i = 0; i < y.Length; i++)
                y[i] /= count;
        }
        else
        {
            TensorPrimitives.Divide(y, count, y);
        }
    }

    private static void MultiplyAddInto<T>(ReadOnlySpan<T> dy, T share, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (dy.Length < ScalarLimit)
        {
            for (int i = 0; i < dy.Length; i++)
                dx[i] += dy[i] * share;
        }
        else
        {
            TensorPrimitives.MultiplyAdd(dy, share, dx, dx);
        }
    }

    private static void AddInto<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length < ScalarLimit)
        {
            for (int i = 0; i < x.Length; i++)
                y[i] += x[i];
        }
        else
        {
            TensorPrimitives.Add(y, x, y);
        }
    }
}
