using System.Runtime.CompilerServices;
using System.Numerics;

namespace Convergent.Diagnostics;

/// <summary>
/// Count, min, max and NaN/±Inf count of a tensor over its finite values, with the sums of (x − <see cref="Shift"/>) and
/// (x − Shift)² taken around a shift (the first finite value) so that the variance of data whose mean is far from 0
/// (raw pixels: 120 ± 60) keeps its digits.
/// </summary>
public readonly record struct Moments(long Count, double Shift, double ShiftedSum, double ShiftedSumOfSquares, double Min, double Max, long NonFinite)
{
    /// <summary>Σx over the finite values.</summary>
    public double Sum => Shift * Count + ShiftedSum;

    /// <summary>Σx² over the finite values.</summary>
    public double SumOfSquares => ShiftedSumOfSquares + 2 * Shift * ShiftedSum + Shift * Shift * Count;

    /// <summary>Mean of the finite values (NaN when none).</summary>
    public double Mean => Count > 0 ? Shift + ShiftedSum / Count : double.NaN;

    /// <summary>Population variance of the finite values (NaN when none).</summary>
    public double Variance
    {
        get
        {
            if (Count == 0) return double.NaN;
            double m = ShiftedSum / Count;
            return Math.Max(0, ShiftedSumOfSquares / Count - m * m);
        }
    }

    /// <summary>Population standard deviation of the finite values.</summary>
    public double Std => Math.Sqrt(Variance);
}

/// <summary>
/// Fixed-size summaries of spans in one vectorized pass each (<see cref="Vector{T}"/>). Partial sums are kept in
/// the element type only within blocks of <see cref="Block"/> elements and then added in double, so float32
/// tensors of millions of values keep ~1e-7 relative accuracy. Non-finite values are rare; when a block's sums are not
/// finite the block is redone in scalar code that counts and skips them.
/// </summary>
public static class SpanStats
{
    /// <summary>Elements accumulated in the element type before moving to double.</summary>
    public const int Block = 4096;

    /// <summary>Moments of <paramref name="x"/>.</summary>
    public static Moments Summarize<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T shift = T.Zero;
        if (x.Length > 0 && T.IsFinite(x[0])) shift = x[0];
        else foreach (var t in x) if (T.IsFinite(t)) { shift = t; break; }
        double dshift = double.CreateTruncating(shift);
        if (x.Length <= Block)
        {
            // one block (every activation of a small layer): no loop, no double-checking of the common case
            var (bs, bq, bmin, bmax) = BlockMoments(x, shift);
            if (double.IsFinite(bs) && double.IsFinite(bq))
                return x.IsEmpty ? new Moments(0, dshift, 0, 0, double.NaN, double.NaN, 0) : new Moments(x.Length, dshift, bs, bq, bmin, bmax, 0);
        }
        double sum = 0, sq = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        long count = 0, nonFinite = 0;
        for (int start = 0; start < x.Length; start += Block)
        {
            var b = x.Slice(start, Math.Min(Block, x.Length - start));
            var (bs, bq, bmin, bmax) = BlockMoments(b, shift);
            if (double.IsFinite(bs) && double.IsFinite(bq))
            {
                sum += bs; sq += bq; count += b.Length;
                if (bmin < min) min = bmin;
                if (bmax > max) max = bmax;
                continue;
            }
            foreach (var t in b)
            {
                double v = double.CreateTruncating(t);
                if (!double.IsFinite(v)) { nonFinite++; continue; }
                double d = v - dshift;
                sum += d; sq += d * d; count++;
                if (v < min) min = v;
                if (v > max) max = v;
            }
        }
        if (count == 0) { min = double.NaN; max = double.NaN; }
        return new Moments(count, dshift, sum, sq, min, max, nonFinite);
    }

    /// <summary>Shifted sums, min and max of a block. Min and max use the processor's native min/max (no NaN fix-ups):
    /// their result is used only when the block's sums are finite, i.e. when the block holds no NaN or ±Inf.</summary>
    private static (double Sum, double SumSq, double Min, double Max) BlockMoments<T>(ReadOnlySpan<T> b, T shift) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        T s = T.Zero, q = T.Zero, mn = T.PositiveInfinity, mx = T.NegativeInfinity;
        if (Vector.IsHardwareAccelerated && b.Length >= Vector<T>.Count)
        {
            var vs = Vector<T>.Zero; var vq = Vector<T>.Zero;
            var vc = new Vector<T>(shift);
            var vmn = new Vector<T>(T.PositiveInfinity); var vmx = new Vector<T>(T.NegativeInfinity);
            for (; i <= b.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var v = new Vector<T>(b.Slice(i, Vector<T>.Count));
                var d = v - vc;
                vs += d; vq += d * d;
                vmn = Vector.MinNative(vmn, v); vmx = Vector.MaxNative(vmx, v);
            }
            s = Vector.Sum(vs); q = Vector.Sum(vq);
            for (int k = 0; k < Vector<T>.Count; k++) { mn = T.MinNative(mn, vmn[k]); mx = T.MaxNative(mx, vmx[k]); }
        }
        for (; i < b.Length; i++)
        {
            var v = b[i];
            var d = v - shift;
            s += d; q += d * d;
            mn = T.MinNative(mn, v); mx = T.MaxNative(mx, v);
        }
        return (double.CreateTruncating(s), double.CreateTruncating(q), double.CreateTruncating(mn), double.CreateTruncating(mx));
    }

    /// <summary>Number of entries with |x| ≥ <paramref name="bound"/> (NaN never counts).</summary>
    public static long CountAbsAtLeast<T>(ReadOnlySpan<T> x, T bound) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long count = 0;
        int i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<T>.Count)
        {
            var vb = new Vector<T>(bound);
            for (int start = 0; start < x.Length; start += Block)
            {
                int end = Math.Min(x.Length, start + Block);
                var acc = Vector<T>.Zero;
                for (i = start; i <= end - Vector<T>.Count; i += Vector<T>.Count)
                {
                    var v = new Vector<T>(x.Slice(i, Vector<T>.Count));
                    acc += Vector.ConditionalSelect(Vector.GreaterThanOrEqual(Vector.Abs(v), vb), Vector<T>.One, Vector<T>.Zero);
                }
                count += long.CreateTruncating(Vector.Sum(acc));
                for (; i < end; i++) if (T.Abs(x[i]) >= bound) count++;
            }
            return count;
        }
        for (; i < x.Length; i++) if (T.Abs(x[i]) >= bound) count++;
        return count;
    }

    /// <summary>Per column, the largest value over the rows of a row-major matrix: <paramref name="acc"/>[c] ← max(acc[c],
    /// x[r·<paramref name="width"/> + c]) for the first acc.Length columns (≤ width) of every full row. A NaN makes its
    /// column's result NaN. Branch-free: a compare and jump per element mispredicts on random activations.</summary>
    public static void ColumnMax<T>(ReadOnlySpan<T> x, int width, Span<T> acc) where T : unmanaged, IFloatingPointIeee754<T> =>
        Columns<T, MaxOp<T>>(x, width, acc);

    /// <summary>Per column, the smallest |value| over the rows (as <see cref="ColumnMax{T}"/>): acc holds magnitudes.</summary>
    public static void ColumnMinMagnitude<T>(ReadOnlySpan<T> x, int width, Span<T> acc) where T : unmanaged, IFloatingPointIeee754<T> =>
        Columns<T, MinAbsOp<T>>(x, width, acc);

    private interface IColumnOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        static abstract T Identity { get; }
        static abstract T Apply(T acc, T x);
        static abstract Vector<T> Apply(Vector<T> acc, Vector<T> x);
    }

    private readonly struct MaxOp<T> : IColumnOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static T Identity => T.NegativeInfinity;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Apply(T acc, T x) => T.Max(acc, x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<T> Apply(Vector<T> acc, Vector<T> x) => Vector.Max(acc, x);
    }

    private readonly struct MinAbsOp<T> : IColumnOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static T Identity => T.PositiveInfinity;
        // inlined: without it the JIT called the scalar one per element of the fold and of the tail
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static T Apply(T acc, T x) => T.Min(acc, T.Abs(x));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<T> Apply(Vector<T> acc, Vector<T> x) => Vector.Min(acc, Vector.Abs(x));
    }

    private static void Columns<T, TOp>(ReadOnlySpan<T> x, int width, Span<T> acc)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : struct, IColumnOp<T>
    {
        int k = acc.Length, rows = x.Length / width, lanes = Vector<T>.Count;
        if (k == 0 || rows == 0) return;
        if (k > width) throw new ArgumentException($"{k} columns asked of rows of {width}.", nameof(acc));
        bool vector = Vector.IsHardwareAccelerated && Vector<T>.IsSupported;
        // lanes is a power of two: width divides it when width is a power of two no larger (no division on this path)
        if (vector && k == width && width <= lanes && (width & (width - 1)) == 0 && rows * width >= lanes)
        {
            // narrow rows (1, 2, 4, … units): a vector holds lanes/width whole rows, so lane l always belongs to column
            // l mod width; reduce whole vectors, then fold each column's lanes, then the rows left over
            var v = new Vector<T>(TOp.Identity);
            int i = 0, end = rows * width;
            for (; i <= end - lanes; i += lanes) v = TOp.Apply(v, new Vector<T>(x[i..]));
            // no modulo: an integer division per lane cost more than the whole reduction
            for (int l = 0; l < lanes; l += width)
                for (int c = 0; c < width; c++) acc[c] = TOp.Apply(acc[c], v[l + c]);
            for (; i < end; i += width)
                for (int c = 0; c < width; c++) acc[c] = TOp.Apply(acc[c], x[i + c]);
            return;
        }
        int kv = vector ? k - k % lanes : 0;
        if (kv > 0)
        {
            // wide rows: the first kv columns' accumulators are whole vectors, updated in place row by row
            var a = System.Runtime.InteropServices.MemoryMarshal.Cast<T, Vector<T>>(acc[..kv]);
            for (int off = 0; off + width <= x.Length; off += width)
                for (int j = 0; j < a.Length; j++) a[j] = TOp.Apply(a[j], new Vector<T>(x.Slice(off + j * lanes, lanes)));
        }
        if (kv == k) return;
        for (int off = 0; off + width <= x.Length; off += width)
        {
            var row = x.Slice(off + kv, k - kv);
            for (int c = 0; c < row.Length; c++) acc[kv + c] = TOp.Apply(acc[kv + c], row[c]);
        }
    }

    /// <summary>Fixed-bin histogram of the finite values of <paramref name="x"/> over [min, max] (a second pass; used at a low rate).</summary>
    public static (long[] Counts, long NonFinite) Histogram<T>(ReadOnlySpan<T> x, double min, double max, int bins) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var counts = new long[bins];
        long nonFinite = 0;
        double width = max > min ? (max - min) / bins : 1;
        foreach (var t in x)
        {
            double v = double.CreateTruncating(t);
            if (!double.IsFinite(v)) { nonFinite++; continue; }
            int k = max > min ? (int)((v - min) / width) : 0;
            counts[Math.Clamp(k, 0, bins - 1)]++;
        }
        return (counts, nonFinite);
    }
}
