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
/// Channels-last is the fast layout: a window cell is C contiguous values, so a vector of channels is kept in a register
/// while the window is scanned (forward: the max; backward: the max, then the routing masks). Channels-first walks
/// each (n, c) plane with scalar windows. Images are swept in parallel ranges (<see cref="PoolBatches"/>).
/// NaN in a window gives NaN (and, in the backward pass, no gradient to that window).
/// </remarks>
public static class MaxPool2D
{
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
        int vectorEnd = ElementwiseMath.IsVectorizable<T>() ? c - c % Vector<T>.Count : 0;
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        for (int n = 0; n < g.Batch; n++)
        {
            for (int oh = 0; oh < g.OutHeight; oh++)
            {
                var (h0, h1) = g.Rows(oh);
                for (int ow = 0; ow < g.OutWidth; ow++)
                {
                    var (w0, w1) = g.Columns(ow);
                    int yCell = ((n * g.OutHeight + oh) * g.OutWidth + ow) * c;
                    int first = ((n * g.InHeight + h0) * g.InWidth + w0) * c;
                    // one vector of channels at a time, kept in a register across the whole window
                    int ch = 0;
                    for (; ch < vectorEnd; ch += Vector<T>.Count)
                    {
                        Vector<T> m = Vector.LoadUnsafe(ref xr, (nuint)(first + ch));
                        for (int h = h0; h < h1; h++)
                        {
                            int row = ((n * g.InHeight + h) * g.InWidth) * c + ch;
                            for (int w = h == h0 ? w0 + 1 : w0; w < w1; w++)
                                m = Vector.Max(m, Vector.LoadUnsafe(ref xr, (nuint)(row + w * c)));
                        }
                        Vector.StoreUnsafe(m, ref yr, (nuint)(yCell + ch));
                    }
                    for (; ch < c; ch++)
                    {
                        T m = x[first + ch];
                        for (int h = h0; h < h1; h++)
                        {
                            int row = ((n * g.InHeight + h) * g.InWidth) * c + ch;
                            for (int w = h == h0 ? w0 + 1 : w0; w < w1; w++)
                                m = T.Max(m, x[row + w * c]);
                        }
                        y[yCell + ch] = m;
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
        int vectorEnd = ElementwiseMath.IsVectorizable<T>() ? c - c % Vector<T>.Count : 0;
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T dyr = ref MemoryMarshal.GetReference(dy);
        ref T dxr = ref MemoryMarshal.GetReference(dx);
        for (int n = 0; n < g.Batch; n++)
        {
            for (int oh = 0; oh < g.OutHeight; oh++)
            {
                var (h0, h1) = g.Rows(oh);
                for (int ow = 0; ow < g.OutWidth; ow++)
                {
                    var (w0, w1) = g.Columns(ow);
                    int yCell = ((n * g.OutHeight + oh) * g.OutWidth + ow) * c;
                    int first = ((n * g.InHeight + h0) * g.InWidth + w0) * c;
                    int ch = 0;
                    for (; ch < vectorEnd; ch += Vector<T>.Count)
                    {
                        // the window maximum, then one scan that routes dy to the first cell equal to it (per lane)
                        Vector<T> m = Vector.LoadUnsafe(ref xr, (nuint)(first + ch));
                        for (int h = h0; h < h1; h++)
                        {
                            int row = ((n * g.InHeight + h) * g.InWidth) * c + ch;
                            for (int w = h == h0 ? w0 + 1 : w0; w < w1; w++)
                                m = Vector.Max(m, Vector.LoadUnsafe(ref xr, (nuint)(row + w * c)));
                        }
                        Vector<T> g0 = Vector.LoadUnsafe(ref dyr, (nuint)(yCell + ch));
                        Vector<T> open = Vector<T>.AllBitsSet;
                        for (int h = h0; h < h1; h++)
                        {
                            int row = ((n * g.InHeight + h) * g.InWidth) * c + ch;
                            for (int w = w0; w < w1; w++)
                            {
                                nuint k = (nuint)(row + w * c);
                                Vector<T> hit = Vector.Equals(Vector.LoadUnsafe(ref xr, k), m) & open;
                                Vector.StoreUnsafe(Vector.LoadUnsafe(ref dxr, k) + (hit & g0), ref dxr, k);
                                open = Vector.AndNot(open, hit);
                            }
                        }
                    }
                    for (; ch < c; ch++)
                    {
                        T m = x[first + ch];
                        for (int h = h0; h < h1; h++)
                        {
                            int row = ((n * g.InHeight + h) * g.InWidth) * c + ch;
                            for (int w = h == h0 ? w0 + 1 : w0; w < w1; w++)
                                m = T.Max(m, x[row + w * c]);
                        }
                        bool routed = false;
                        for (int h = h0; h < h1 && !routed; h++)
                        {
                            int row = ((n * g.InHeight + h) * g.InWidth) * c + ch;
                            for (int w = w0; w < w1; w++)
                            {
                                if (x[row + w * c] == m)
                                {
                                    dx[row + w * c] += dy[yCell + ch];
                                    routed = true;
                                    break;
                                }
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
}
