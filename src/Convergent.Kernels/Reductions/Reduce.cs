using System.Numerics;
using System.Numerics.Tensors;

namespace Convergent.Kernels;

// Shapes: x is a row-major tensor of shape `shape` (rank ≤ 32); y has the same rank with every reduced axis set to 1
// (keepdims), so y's element count is the product of the kept axes. Axes may be negative (−1 = last), as in Keras.

/// <summary>
/// Reductions of a row-major tensor over a set of axes — sum, mean, max — and the sum that undoes numpy broadcasting.
/// Keras: <c>keras.ops.sum / mean / max(x, axis, keepdims=True)</c>.
/// </summary>
/// <remarks>
/// Axes are first collapsed (<see cref="AxisPlan"/>), so the common cases are single passes: a sum over the leading
/// axis of (N, F) or over all but the last axis of (N, H, W, C) adds whole contiguous rows into y with vector adds;
/// a sum over the last axis is one TensorPrimitives.Sum per row (pairwise past 1024 elements). Long column sums are
/// blocked: rows are summed in blocks of about √rows into a small stack buffer and the blocks then added to y, so
/// rounding grows with ~2√rows rather than rows (adding 10⁶ equal floats one by one, as BatchNorm statistics over
/// N·H·W might, is off by about 1%).
/// </remarks>
public static class Reduce
{
    /// <summary>y = Σ x over <paramref name="axes"/>; y is overwritten. A reduced axis of size 0 sums to 0.</summary>
    public static void SumAxes<T>(ReadOnlySpan<T> x, ReadOnlySpan<int> shape, ReadOnlySpan<int> axes, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Run<T, SumOperator<T>>(x, shape, axes, y);

    /// <summary>y = mean of x over <paramref name="axes"/> (the sum divided by the product of their sizes); NaN over an empty axis, as numpy.</summary>
    public static void MeanAxes<T>(ReadOnlySpan<T> x, ReadOnlySpan<int> shape, ReadOnlySpan<int> axes, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Run<T, SumOperator<T>>(x, shape, axes, y);
        if (y.IsEmpty)
            return;
        int kept = y.Length;
        int count = x.Length == 0 ? 0 : x.Length / kept;
        TensorPrimitives.Divide(y, T.CreateTruncating(count), y);
    }

    /// <summary>y = max of x over <paramref name="axes"/>; NaN if any reduced element is NaN.</summary>
    /// <exception cref="ArgumentException">A reduced axis has size 0 while y is not empty (a max of nothing).</exception>
    public static void MaxAxes<T>(ReadOnlySpan<T> x, ReadOnlySpan<int> shape, ReadOnlySpan<int> axes, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Run<T, MaxOperator<T>>(x, shape, axes, y);

    /// <summary>
    /// Sums x of shape <paramref name="xShape"/> down to <paramref name="yShape"/>, the shape it was broadcast from
    /// (right-aligned; size-1 and missing leading axes are summed over) — the adjoint of <see cref="Broadcast.To{T}"/>,
    /// which is how a gradient is returned to a broadcast operand. y is overwritten.
    /// </summary>
    public static void SumTo<T>(ReadOnlySpan<T> x, ReadOnlySpan<int> xShape, Span<T> y, ReadOnlySpan<int> yShape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        AxisPlan.RequireLength(x.Length, AxisPlan.ElementCount(xShape, nameof(xShape)), nameof(x), nameof(xShape));
        AxisPlan.RequireLength(y.Length, AxisPlan.ElementCount(yShape, nameof(yShape)), nameof(y), nameof(yShape));
        Span<int> aligned = stackalloc int[xShape.Length];
        AxisPlan.Align(yShape, nameof(yShape), xShape, nameof(xShape), aligned);
        Span<bool> reduced = stackalloc bool[xShape.Length];
        for (int i = 0; i < xShape.Length; i++)
            reduced[i] = aligned[i] != xShape[i];
        Execute<T, SumOperator<T>>(x, xShape, reduced, y);
    }

    private static void Run<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<int> shape, ReadOnlySpan<int> axes, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IReduction<T>
    {
        int count = AxisPlan.ElementCount(shape, nameof(shape));
        AxisPlan.RequireLength(x.Length, count, nameof(x), nameof(shape));
        Span<bool> reduced = stackalloc bool[shape.Length];
        int kept = 1;
        foreach (int axis in axes)
        {
            int a = axis < 0 ? axis + shape.Length : axis;
            if ((uint)a >= (uint)shape.Length)
                throw new ArgumentException($"Axis {axis} is out of range for rank {shape.Length}. Received: axes=[{string.Join(", ", axes.ToArray())}].", nameof(axes));
            if (reduced[a])
                throw new ArgumentException($"Axis {a} is listed twice. Received: axes=[{string.Join(", ", axes.ToArray())}].", nameof(axes));
            reduced[a] = true;
        }
        for (int i = 0; i < shape.Length; i++)
            kept *= reduced[i] ? 1 : shape[i];
        AxisPlan.RequireLength(y.Length, kept, nameof(y), "shape with the reduced axes set to 1");
        Execute<T, TOp>(x, shape, reduced, y);
    }

    private static void Execute<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<int> shape, ReadOnlySpan<bool> reduced, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IReduction<T>
    {
        if (y.IsEmpty)
            return;
        if (x.IsEmpty)
        {
            // y is not empty, so only reduced axes have size 0: every output reduces nothing.
            TOp.ReduceNothing(y);
            return;
        }
        Span<int> sizes = stackalloc int[shape.Length];
        Span<bool> flags = stackalloc bool[shape.Length];
        int rank = AxisPlan.Merge(shape, reduced, sizes, flags);
        if (rank == 0 || (rank == 1 && !flags[0]))
        {
            x.CopyTo(y); // nothing is reduced
            return;
        }
        y.Fill(TOp.Identity);
        Accumulate<T, TOp>(x, y, sizes[..rank], flags[..rank], 0);
    }

    /// <summary>y ⊕= reduce(x) for the block of x that spans axes level… of the merged shape.</summary>
    private static void Accumulate<T, TOp>(ReadOnlySpan<T> x, Span<T> y, ReadOnlySpan<int> sizes, ReadOnlySpan<bool> reduced, int level)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IReduction<T>
    {
        int size = sizes[level];
        if (level == sizes.Length - 1)
        {
            if (reduced[level])
                y[0] = TOp.Combine(y[0], TOp.Aggregate(x));
            else
                TOp.CombineInto(x, y);
            return;
        }
        int xInner = x.Length / size;
        if (reduced[level])
        {
            if (level == sizes.Length - 2)
            {
                TOp.CombineRows(x, size, xInner, y); // the last axis is kept: whole rows into y
                return;
            }
            for (int i = 0; i < size; i++)
                Accumulate<T, TOp>(x.Slice(i * xInner, xInner), y, sizes, reduced, level + 1);
        }
        else
        {
            int yInner = y.Length / size;
            for (int i = 0; i < size; i++)
                Accumulate<T, TOp>(x.Slice(i * xInner, xInner), y.Slice(i * yInner, yInner), sizes, reduced, level + 1);
        }
    }

    /// <summary>A reduction: its identity, scalar combine, whole-span aggregate and row-into-y combine.</summary>
    private interface IReduction<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        static abstract T Identity { get; }

        static abstract T Combine(T a, T b);

        static abstract T Aggregate(ReadOnlySpan<T> x);

        /// <summary>y[i] = y[i] ⊕ x[i].</summary>
        static abstract void CombineInto(ReadOnlySpan<T> x, Span<T> y);

        /// <summary>y[c] = y[c] ⊕ x[r, c] over all r of a (rows, cols) block.</summary>
        static abstract void CombineRows(ReadOnlySpan<T> x, int rows, int cols, Span<T> y);

        /// <summary>Fills y with the reduction of zero elements, or throws if there is none.</summary>
        static abstract void ReduceNothing(Span<T> y);
    }

    // Below this many elements a row is combined by a scalar loop: the TensorPrimitives call costs more than the work.
    private const int ScalarRowLimit = 16;

    private readonly struct SumOperator<T> : IReduction<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Columns summed at once in the blocked column sum; the partial sums live on the stack (2 KiB for double).
        private const int ChunkWidth = 256;

        public static T Identity => T.Zero;

        public static T Combine(T a, T b) => a + b;

        // TensorPrimitives.Sum adds into a few vector accumulators sequentially; above this length the row is halved
        // recursively (pairwise), which bounds the rounding to ~(chunk/lanes + log₂(length/chunk))·ε.
        private const int SumChunk = 1024;

        public static T Aggregate(ReadOnlySpan<T> x)
        {
            if (x.Length <= SumChunk)
                return TensorPrimitives.Sum(x);
            int half = x.Length / 2;
            return Aggregate(x[..half]) + Aggregate(x[half..]);
        }

        public static void CombineInto(ReadOnlySpan<T> x, Span<T> y)
        {
            if (x.Length < ScalarRowLimit)
            {
                for (int i = 0; i < x.Length; i++)
                    y[i] += x[i];
            }
            else
            {
                TensorPrimitives.Add(y, x, y);
            }
        }

        public static void CombineRows(ReadOnlySpan<T> x, int rows, int cols, Span<T> y)
        {
            int block = Math.Max(64, (int)Math.Sqrt(rows));
            if (rows <= block)
            {
                for (int r = 0; r < rows; r++)
                    CombineInto(x.Slice(r * cols, cols), y);
                return;
            }
            Span<T> partial = stackalloc T[Math.Min(ChunkWidth, cols)];
            for (int c0 = 0; c0 < cols; c0 += ChunkWidth)
            {
                int width = Math.Min(ChunkWidth, cols - c0);
                Span<T> p = partial[..width];
                for (int r0 = 0; r0 < rows; r0 += block)
                {
                    int end = Math.Min(rows, r0 + block);
                    x.Slice(r0 * cols + c0, width).CopyTo(p);
                    for (int r = r0 + 1; r < end; r++)
                        CombineInto(x.Slice(r * cols + c0, width), p);
                    CombineInto(p, y.Slice(c0, width));
                }
            }
        }

        public static void ReduceNothing(Span<T> y) => y.Clear();
    }

    private readonly struct MaxOperator<T> : IReduction<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static T Identity => T.NegativeInfinity;

        public static T Combine(T a, T b) => T.Max(a, b);

        public static T Aggregate(ReadOnlySpan<T> x) => TensorPrimitives.Max(x);

        public static void CombineInto(ReadOnlySpan<T> x, Span<T> y)
        {
            if (x.Length < ScalarRowLimit)
            {
                for (int i = 0; i < x.Length; i++)
                    y[i] = T.Max(y[i], x[i]);
            }
            else
            {
                TensorPrimitives.Max(y, x, y);
            }
        }

        public static void CombineRows(ReadOnlySpan<T> x, int rows, int cols, Span<T> y)
        {
            for (int r = 0; r < rows; r++)
                CombineInto(x.Slice(r * cols, cols), y);
        }

        public static void ReduceNothing(Span<T> y) =>
            throw new ArgumentException("Cannot take the max over an axis of size 0.", "shape");
    }
}
