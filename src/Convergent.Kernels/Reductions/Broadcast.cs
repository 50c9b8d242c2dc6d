using System.Numerics;
using System.Numerics.Tensors;

namespace Convergent.Kernels;

// Shapes: x has shape xShape and y shape yShape, both row-major; xShape is right-aligned against yShape (numpy
// broadcasting): every x axis is 1 or equal to y's, and missing leading axes count as 1.

/// <summary>
/// Numpy broadcasting of x to a larger shape: each size-1 (or missing) axis of x repeats along y.
/// Keras: <c>keras.ops.broadcast_to</c>, and the implicit broadcasting of every binary op (a bias add is
/// <see cref="AddTo{T}"/> of a (F) vector into an (N, F) tensor).
/// </summary>
/// <remarks>
/// Axes are collapsed first (<see cref="AxisPlan"/>): a bias over the last axis is N contiguous row copies, a
/// per-channel value of (1, C, 1, 1) against (N, C, H, W) is N·C runs of one repeated value. A repeated outer block
/// is written once and then copied, so <see cref="To{T}"/> costs about one memory copy of y.
/// </remarks>
public static class Broadcast
{
    /// <summary>y = x broadcast to <paramref name="yShape"/>; y is overwritten.</summary>
    public static void To<T>(ReadOnlySpan<T> x, ReadOnlySpan<int> xShape, Span<T> y, ReadOnlySpan<int> yShape)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Run(x, xShape, y, yShape, accumulate: false);

    /// <summary>y += x broadcast to <paramref name="yShape"/> (a bias add, or the backward of <see cref="Reduce.SumTo{T}"/>).</summary>
    public static void AddTo<T>(ReadOnlySpan<T> x, ReadOnlySpan<int> xShape, Span<T> y, ReadOnlySpan<int> yShape)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Run(x, xShape, y, yShape, accumulate: true);

    private static void Run<T>(ReadOnlySpan<T> x, ReadOnlySpan<int> xShape, Span<T> y, ReadOnlySpan<int> yShape, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        AxisPlan.RequireLength(x.Length, AxisPlan.ElementCount(xShape, nameof(xShape)), nameof(x), nameof(xShape));
        AxisPlan.RequireLength(y.Length, AxisPlan.ElementCount(yShape, nameof(yShape)), nameof(y), nameof(yShape));
        Span<int> aligned = stackalloc int[yShape.Length];
        AxisPlan.Align(xShape, nameof(xShape), yShape, nameof(yShape), aligned);
        if (y.IsEmpty)
            return;
        Span<bool> repeated = stackalloc bool[yShape.Length];
        for (int i = 0; i < yShape.Length; i++)
            repeated[i] = aligned[i] != yShape[i];
        Span<int> sizes = stackalloc int[yShape.Length];
        Span<bool> flags = stackalloc bool[yShape.Length];
        int rank = AxisPlan.Merge(yShape, repeated, sizes, flags);
        if (rank == 0)
        {
            Write(x, y, accumulate); // one element each
            return;
        }
        Fill(x, y, sizes[..rank], flags[..rank], 0, accumulate);
    }

    /// <summary>Writes (or adds) x broadcast over the block of y that spans axes level… of the merged shape.</summary>
    private static void Fill<T>(ReadOnlySpan<T> x, Span<T> y, ReadOnlySpan<int> sizes, ReadOnlySpan<bool> repeated, int level, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int size = sizes[level];
        if (level == sizes.Length - 1)
        {
            if (!repeated[level])
                Write(x, y, accumulate);
            else if (accumulate)
                TensorPrimitives.Add(y, x[0], y);
            else
                y.Fill(x[0]);
            return;
        }
        int yInner = y.Length / size;
        if (repeated[level])
        {
            Fill(x, y[..yInner], sizes, repeated, level + 1, accumulate);
            for (int i = 1; i < size; i++)
            {
                if (accumulate)
                    Fill(x, y.Slice(i * yInner, yInner), sizes, repeated, level + 1, accumulate);
                else
                    y[..yInner].CopyTo(y.Slice(i * yInner, yInner));
            }
        }
        else
        {
            int xInner = x.Length / size;
            for (int i = 0; i < size; i++)
                Fill(x.Slice(i * xInner, xInner), y.Slice(i * yInner, yInner), sizes, repeated, level + 1, accumulate);
        }
    }

    private static void Write<T>(ReadOnlySpan<T> x, Span<T> y, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!accumulate)
            x.CopyTo(y);
        else if (x.Length < 16)
            for (int i = 0; i < x.Length; i++)
                y[i] += x[i];
        else
            TensorPrimitives.Add(y, x, y);
    }
}
