using System.Numerics;
using System.Numerics.Tensors;

namespace Convergent.Kernels;

// Shapes: x, y, destination are flat spans of one length n (any tensor, read elementwise); destination may be x or y
// itself (in place), never a partial overlap.

/// <summary>
/// Elementwise arithmetic on whole tensors: TensorPrimitives' vector loops, cut into parallel chunks when the spans are
/// large (see <see cref="ParallelChunks"/>). Results do not depend on the thread count.
/// </summary>
public static unsafe class Arithmetic
{
    /// <summary>destination = x + y.</summary>
    public static void Add<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T> =>
        Binary<T, AddOp<T>>(x, y, destination);

    /// <summary>destination = x − y.</summary>
    public static void Subtract<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T> =>
        Binary<T, SubtractOp<T>>(x, y, destination);

    /// <summary>destination = x ⊙ y.</summary>
    public static void Multiply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T> =>
        Binary<T, MultiplyOp<T>>(x, y, destination);

    /// <summary>destination = x ⊘ y.</summary>
    public static void Divide<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T> =>
        Binary<T, DivideOp<T>>(x, y, destination);

    /// <summary>destination = 0 (the zeroed gradient buffers that backward kernels accumulate into).</summary>
    public static void Clear<T>(Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (destination.Length < ParallelChunks.MinParallelWork)
        {
            destination.Clear();
            return;
        }
        fixed (T* pd = destination)
            ParallelChunks.Elementwise(destination.Length, new ClearChunk<T> { D = pd });
    }

    private struct ClearChunk<T> : IChunk where T : unmanaged
    {
        public T* D;

        public readonly void Run(int start, int count) => new Span<T>(D + start, count).Clear();
    }

    private interface IBinaryOp<T>
    {
        static abstract void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination);
    }

    private readonly struct AddOp<T> : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Add(x, y, d);
    }

    private readonly struct SubtractOp<T> : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Subtract(x, y, d);
    }

    private readonly struct MultiplyOp<T> : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Multiply(x, y, d);
    }

    private readonly struct DivideOp<T> : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Divide(x, y, d);
    }

    private static void Binary<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : IBinaryOp<T>
    {
        ElementwiseDriver.RequireSameLength(x.Length, y.Length, nameof(y));
        ElementwiseDriver.RequireSameLength(x.Length, destination.Length, nameof(destination));
        if (x.Length < ParallelChunks.MinParallelWork)
        {
            TOp.Apply(x, y, destination);
            return;
        }
        fixed (T* px = x)
        fixed (T* py = y)
        fixed (T* pd = destination)
            ParallelChunks.Elementwise(x.Length, new BinaryChunk<T, TOp> { X = px, Y = py, D = pd });
    }

    private struct BinaryChunk<T, TOp> : IChunk
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : IBinaryOp<T>
    {
        public T* X, Y, D;

        public readonly void Run(int start, int count) =>
            TOp.Apply(new ReadOnlySpan<T>(X + start, count), new ReadOnlySpan<T>(Y + start, count), new Span<T>(D + start, count));
    }
}
