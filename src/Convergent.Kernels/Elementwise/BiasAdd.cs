using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace Convergent.Kernels;

// Shapes: x, y, dy are (rows, C) row-major — any tensor whose last axis has C elements (C = bias length), e.g.
// (N, units) after a Dense layer or (N, H, W, filters) after a channels-last convolution; bias and dBias are (C).

/// <summary>
/// Adding a bias vector along the last axis, y[r, c] = x[r, c] + bias[c], and its adjoint for the bias,
/// dBias[c] += Σ_r dy[r, c] (the adjoint for x is dy itself). Keras: the <c>use_bias</c> step of <c>Dense</c> and
/// <c>Conv2D</c>.
/// </summary>
/// <remarks>
/// A row is often short (32 channels), so rows are walked with an inline vector loop rather than one library call each.
/// Both directions run in parallel chunks of rows when large. The bias gradient sums fixed blocks of
/// <see cref="RowBlock"/> rows, then adds the block sums in order: the association, and so the result, is the same
/// for every thread count.
/// </remarks>
public static unsafe class BiasAdd
{
    /// <summary>Rows summed per block in <see cref="Backward{T}"/>: a fixed reduction tree, independent of threads.</summary>
    public const int RowBlock = 256;

    // Bias lengths whose single block sum fits comfortably on the stack.
    private const int SmallBias = 1024;

    /// <summary>y = x + bias broadcast over rows; y is overwritten and may be x.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> bias, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = bias.Length;
        RequireRows(x.Length, c, nameof(x));
        ElementwiseDriver.RequireSameLength(x.Length, y.Length, nameof(y));
        if (x.Length == 0)
            return;
        fixed (T* px = x)
        fixed (T* pb = bias)
        fixed (T* py = y)
            ParallelChunks.Run(x.Length / c, c, 1, new ForwardChunk<T> { X = px, Bias = pb, Y = py, C = c });
    }

    /// <summary>dBias += Σ over rows of dy.</summary>
    public static void Backward<T>(ReadOnlySpan<T> dy, Span<T> dBias) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = dBias.Length;
        RequireRows(dy.Length, c, nameof(dy));
        if (dy.Length == 0)
            return;
        int rows = dy.Length / c, blocks = (rows + RowBlock - 1) / RowBlock;
        if (blocks == 1 && c <= SmallBias)
        {
            // one block (a small batch): the same block sum, on the stack instead of a pooled array
            Span<T> sum = stackalloc T[c];
            fixed (T* pdy = dy)
            fixed (T* ps = sum)
                new BlockSumChunk<T> { Dy = pdy, Partials = ps, Rows = rows, C = c }.Run(0, 1);
            TensorPrimitives.Add(dBias, sum, dBias);
            return;
        }
        T[] partials = ArrayPool<T>.Shared.Rent(blocks * c);
        try
        {
            fixed (T* pdy = dy)
            fixed (T* pp = partials)
            {
                ParallelChunks.Run(blocks, (long)RowBlock * c, 1, new BlockSumChunk<T> { Dy = pdy, Partials = pp, Rows = rows, C = c });
                for (int b = 0; b < blocks; b++)
                    TensorPrimitives.Add(dBias, new ReadOnlySpan<T>(pp + (nint)b * c, c), dBias);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(partials);
        }
    }

    private static void RequireRows(int length, int c, string name)
    {
        if (c == 0 || length % c != 0)
            throw new ArgumentException($"{name} holds {length} elements, not a whole number of rows of the bias length {c}.", name);
    }

    private struct ForwardChunk<T> : IChunk where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T* X, Bias, Y;
        public int C;

        public readonly void Run(int start, int count)
        {
            for (int r = start; r < start + count; r++)
                AddRow(X + (nint)r * C, Bias, Y + (nint)r * C, C);
        }
    }

    private struct BlockSumChunk<T> : IChunk where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T* Dy, Partials;
        public int Rows, C;

        public readonly void Run(int start, int count)
        {
            for (int b = start; b < start + count; b++)
            {
                T* sum = Partials + (nint)b * C;
                int r0 = b * RowBlock, r1 = Math.Min(Rows, r0 + RowBlock);
                new ReadOnlySpan<T>(Dy + (nint)r0 * C, C).CopyTo(new Span<T>(sum, C));
                for (int r = r0 + 1; r < r1; r++)
                    AddRow(sum, Dy + (nint)r * C, sum, C);
            }
        }
    }

    /// <summary>y[j] = a[j] + b[j] for j &lt; n (y may be a).</summary>
    private static void AddRow<T>(T* a, T* b, T* y, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        if (ElementwiseMath.IsVectorizable<T>())
        {
            for (; j <= n - Vector<T>.Count; j += Vector<T>.Count)
                Vector.Store(Vector.Load(a + j) + Vector.Load(b + j), y + j);
        }
        for (; j < n; j++)
            y[j] = a[j] + b[j];
    }
}
