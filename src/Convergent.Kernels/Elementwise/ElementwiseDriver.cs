using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Convergent.Kernels;

/// <summary>
/// The one loop behind every elementwise kernel: whole <see cref="Vector{T}"/> blocks through the operator's vector
/// path, then the tail (and every element of a type without vector math) through its scalar path.
/// </summary>
/// <remarks>
/// Reading element i and writing element i in the same step keeps the loops correct when the output span is the
/// input span (in place). The tail is scalar rather than an overlapping last vector because an overlapped vector
/// would re-read outputs already written when the kernel runs in place.
/// </remarks>
internal static class ElementwiseDriver
{
    /// <summary>y[i] = op(x[i]); y is overwritten. Large spans run in parallel chunks (see <see cref="ParallelChunks"/>).</summary>
    public static unsafe void Map<T, TOp>(ReadOnlySpan<T> x, Span<T> y, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IUnaryOperator<T>
    {
        RequireSameLength(x.Length, y.Length, nameof(y));
        if (x.Length < ParallelChunks.MinParallelWork)
        {
            MapSerial(x, y, op);
            return;
        }
        fixed (T* px = x)
        fixed (T* py = y)
            ParallelChunks.Elementwise(x.Length, new MapChunk<T, TOp> { X = px, Y = py, Op = op });
    }

    /// <summary>dx[i] += op(x[i], y[i], dy[i]); dx accumulates. Large spans run in parallel chunks.</summary>
    public static unsafe void Accumulate<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IGradientOperator<T>
    {
        RequireSameLength(x.Length, y.Length, nameof(y));
        RequireSameLength(x.Length, dy.Length, nameof(dy));
        RequireSameLength(x.Length, dx.Length, nameof(dx));
        if (x.Length < ParallelChunks.MinParallelWork)
        {
            AccumulateSerial(x, y, dy, dx, op);
            return;
        }
        fixed (T* px = x)
        fixed (T* py = y)
        fixed (T* pdy = dy)
        fixed (T* pdx = dx)
            ParallelChunks.Elementwise(x.Length, new AccumulateChunk<T, TOp> { X = px, Y = py, Dy = pdy, Dx = pdx, Op = op });
    }

    private unsafe struct MapChunk<T, TOp> : IChunk
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IUnaryOperator<T>
    {
        public T* X, Y;
        public TOp Op;

        public readonly void Run(int start, int count) =>
            MapSerial(new ReadOnlySpan<T>(X + start, count), new Span<T>(Y + start, count), Op);
    }

    private unsafe struct AccumulateChunk<T, TOp> : IChunk
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IGradientOperator<T>
    {
        public T* X, Y, Dy, Dx;
        public TOp Op;

        public readonly void Run(int start, int count) =>
            AccumulateSerial(new ReadOnlySpan<T>(X + start, count), new ReadOnlySpan<T>(Y + start, count),
                new ReadOnlySpan<T>(Dy + start, count), new Span<T>(Dx + start, count), Op);
    }

    private static void MapSerial<T, TOp>(ReadOnlySpan<T> x, Span<T> y, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IUnaryOperator<T>
    {
        int n = x.Length;
        int i = 0;
        if (ElementwiseMath.IsVectorizable<T>() && n >= Vector<T>.Count)
        {
            ref T xr = ref MemoryMarshal.GetReference(x);
            ref T yr = ref MemoryMarshal.GetReference(y);
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
                Vector.StoreUnsafe(op.Invoke(Vector.LoadUnsafe(ref xr, (nuint)i)), ref yr, (nuint)i);
        }
        for (; i < n; i++)
            y[i] = op.Invoke(x[i]);
    }

    private static void AccumulateSerial<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IGradientOperator<T>
    {
        int n = x.Length;
        int i = 0;
        if (ElementwiseMath.IsVectorizable<T>() && n >= Vector<T>.Count)
        {
            ref T xr = ref MemoryMarshal.GetReference(x);
            ref T yr = ref MemoryMarshal.GetReference(y);
            ref T dyr = ref MemoryMarshal.GetReference(dy);
            ref T dxr = ref MemoryMarshal.GetReference(dx);
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                nuint k = (nuint)i;
                Vector<T> g = op.Invoke(Vector.LoadUnsafe(ref xr, k), Vector.LoadUnsafe(ref yr, k), Vector.LoadUnsafe(ref dyr, k));
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref dxr, k) + g, ref dxr, k);
            }
        }
        for (; i < n; i++)
            dx[i] += op.Invoke(x[i], y[i], dy[i]);
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="name"/> when the lengths differ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RequireSameLength(int expected, int actual, string name)
    {
        if (expected != actual)
            Throw(expected, actual, name);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw(int expected, int actual, string name) =>
        throw new ArgumentException($"Span lengths differ: expected {expected} elements, received {name}.Length={actual}.", name);
}
