using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Convergent.Kernels;

// Shape letters: N batch, H/W input height/width, C channels, OH/OW output height/width.
// x, dx are (N, H, W, C) when g.ChannelsLast, else (N, C, H, W); y, dy are (N, OH, OW, C) or (N, C, OH, OW).

/// <summary>
/// 2-D max pooling: y[n, oh, ow, c] = max of x[n, h, w, c] over the window of (oh, ow) (see <see cref="Pool2DGeometry"/>).
/// Keras: <c>MaxPooling2D(pool_size, strides, padding, data_format)</c>.
/// </summary>
/// <remarks>
/// Channels-last is the fast layout: a window cell is C contiguous values, so each cell is one vector max over the
/// channels. Channels-first walks each (n, c) plane with scalar windows. Images are swept in parallel ranges (<see cref="PoolBatches"/>).
/// NaN in a window gives NaN (and, in the backward pass, no gradient to that window).
/// </remarks>
public static class MaxPool2D
{
    // Channels handled per window pass in the backward sweep; the running max and the "not yet routed" flags for
    // this many channels live on the stack.
    private const int ChannelChunk = 256;

    /// <summary>y = the window maxima of x; y is overwritten.</summary>
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

    /// <summary>
    /// dx += dy routed to each window's maximum: to the first cell in window scan order (row by row, left to right)
    /// that equals it, so ties are broken deterministically and overlapping windows each route their own dy.
    /// </summary>
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
            BackwardChannelsLast(g, x, dy, dx);
        else
            BackwardChannelsFirst(g, x, dy, dx);
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
                            MaxInto(x.Slice(((n * g.InHeight + h) * g.InWidth + w) * c, c), yCell);
                    }
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
                    yPlane[oh * g.OutWidth + ow] = WindowMax(plane, g.InWidth, h0, h1, w0, w1);
                }
            }
        }
    }

    private static void BackwardChannelsLast<T>(in Pool2DGeometry g, ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = g.Channels;
        Span<T> best = stackalloc T[Math.Min(c, ChannelChunk)];
        Span<T> pending = stackalloc T[best.Length];
        for (int n = 0; n < g.Batch; n++)
        {
            for (int oh = 0; oh < g.OutHeight; oh++)
            {
                var (h0, h1) = g.Rows(oh);
                for (int ow = 0; ow < g.OutWidth; ow++)
                {
                    var (w0, w1) = g.Columns(ow);
                    int yOffset = ((n * g.OutHeight + oh) * g.OutWidth + ow) * c;
                    for (int c0 = 0; c0 < c; c0 += ChannelChunk)
                    {
                        int width = Math.Min(ChannelChunk, c - c0);
                        Span<T> m = best[..width];
                        Span<T> open = pending[..width];
                        x.Slice(((n * g.InHeight + h0) * g.InWidth + w0) * c + c0, width).CopyTo(m);
                        for (int h = h0; h < h1; h++)
                        {
                            for (int w = h == h0 ? w0 + 1 : w0; w < w1; w++)
                                MaxInto(x.Slice(((n * g.InHeight + h) * g.InWidth + w) * c + c0, width), m);
                        }
                        open.Fill(T.One);
                        ReadOnlySpan<T> dyCell = dy.Slice(yOffset + c0, width);
                        for (int h = h0; h < h1; h++)
                        {
                            for (int w = w0; w < w1; w++)
                            {
                                int xOffset = ((n * g.InHeight + h) * g.InWidth + w) * c + c0;
                                RouteToFirstMax(x.Slice(xOffset, width), m, open, dyCell, dx.Slice(xOffset, width));
                            }
                        }
                    }
                }
            }
        }
    }

    private static void BackwardChannelsFirst<T>(in Pool2DGeometry g, ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int planeIn = g.InHeight * g.InWidth, planeOut = g.OutHeight * g.OutWidth;
        for (int p = 0; p < g.Batch * g.Channels; p++)
        {
            ReadOnlySpan<T> plane = x.Slice(p * planeIn, planeIn);
            Span<T> dxPlane = dx.Slice(p * planeIn, planeIn);
            for (int oh = 0; oh < g.OutHeight; oh++)
            {
                var (h0, h1) = g.Rows(oh);
                for (int ow = 0; ow < g.OutWidth; ow++)
                {
                    var (w0, w1) = g.Columns(ow);
                    int winner = FirstIndexOf(plane, g.InWidth, h0, h1, w0, w1, WindowMax(plane, g.InWidth, h0, h1, w0, w1));
                    if (winner >= 0)
                        dxPlane[winner] += dy[p * planeOut + oh * g.OutWidth + ow];
                }
            }
        }
    }

    /// <summary>The maximum of plane[h0..h1) × [w0..w1) (NaN if any is NaN).</summary>
    internal static T WindowMax<T>(ReadOnlySpan<T> plane, int width, int h0, int h1, int w0, int w1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = plane[h0 * width + w0];
        for (int h = h0; h < h1; h++)
        {
            ReadOnlySpan<T> row = plane.Slice(h * width, w1);
            for (int w = w0; w < w1; w++)
                max = T.Max(max, row[w]);
        }
        return max;
    }

    /// <summary>The plane index of the first window cell (row-major) equal to <paramref name="value"/>, or −1.</summary>
    internal static int FirstIndexOf<T>(ReadOnlySpan<T> plane, int width, int h0, int h1, int w0, int w1, T value)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int h = h0; h < h1; h++)
        {
            for (int w = w0; w < w1; w++)
            {
                if (plane[h * width + w] == value)
                    return h * width + w;
            }
        }
        return -1;
    }

    /// <summary>y[i] = max(y[i], x[i]); NaN-propagating like <see cref="TensorPrimitives.Max{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>.</summary>
    internal static void MaxInto<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // A call costs more than a handful of scalar maxima.
        if (x.Length < 16)
        {
            for (int i = 0; i < x.Length; i++)
                y[i] = T.Max(y[i], x[i]);
        }
        else
        {
            TensorPrimitives.Max(y, x, y);
        }
    }

    /// <summary>
    /// For each channel still open (open = 1) whose value equals the window max: dx += dy and close it (open = 0).
    /// Called cell by cell in window scan order, this routes each channel's dy to its first maximal cell.
    /// </summary>
    private static void RouteToFirstMax<T>(ReadOnlySpan<T> xCell, ReadOnlySpan<T> max, Span<T> open, ReadOnlySpan<T> dyCell, Span<T> dxCell)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (ElementwiseMath.IsVectorizable<T>() && xCell.Length >= Vector<T>.Count)
        {
            ref T xr = ref MemoryMarshal.GetReference(xCell);
            ref T mr = ref MemoryMarshal.GetReference(max);
            ref T or = ref MemoryMarshal.GetReference(open);
            ref T dyr = ref MemoryMarshal.GetReference(dyCell);
            ref T dxr = ref MemoryMarshal.GetReference(dxCell);
            for (; i <= xCell.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                nuint k = (nuint)i;
                Vector<T> stillOpen = Vector.LoadUnsafe(ref or, k);
                Vector<T> hit = Vector.Equals(Vector.LoadUnsafe(ref xr, k), Vector.LoadUnsafe(ref mr, k))
                                & Vector.Equals(stillOpen, Vector<T>.One);
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref dxr, k) + (hit & Vector.LoadUnsafe(ref dyr, k)), ref dxr, k);
                Vector.StoreUnsafe(Vector.ConditionalSelect(hit, Vector<T>.Zero, stillOpen), ref or, k);
            }
        }
        for (; i < xCell.Length; i++)
        {
            if (open[i] == T.One && xCell[i] == max[i])
            {
                dxCell[i] += dyCell[i];
                open[i] = T.Zero;
            }
        }
    }
}
