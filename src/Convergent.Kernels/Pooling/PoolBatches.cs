namespace Convergent.Kernels;

/// <summary>
/// Runs a serial pooling sweep on contiguous ranges of images in parallel (<see cref="ParallelChunks"/>): a window never
/// reaches across images, so each range is the same sweep on a smaller batch and writes only its own images. Results
/// do not depend on the thread count.
/// </summary>
internal static unsafe class PoolBatches
{
    /// <summary>serial(g', x', y') for each range of images, g' being g with that range's batch size.</summary>
    public static void Forward<T>(in Pool2DGeometry g, ReadOnlySpan<T> x, Span<T> y,
        delegate*<in Pool2DGeometry, ReadOnlySpan<T>, Span<T>, void> serial) where T : unmanaged
    {
        int inPer = g.InHeight * g.InWidth * g.Channels, outPer = g.OutHeight * g.OutWidth * g.Channels;
        fixed (T* px = x)
        fixed (T* py = y)
            ParallelChunks.Run(g.Batch, inPer + outPer, 1, new ForwardChunk<T> { G = g, X = px, Y = py, InPer = inPer, OutPer = outPer, Serial = serial });
    }

    /// <summary>serial(g', x', dy', dx') for each range of images.</summary>
    public static void Backward<T>(in Pool2DGeometry g, ReadOnlySpan<T> x, ReadOnlySpan<T> dy, Span<T> dx,
        delegate*<in Pool2DGeometry, ReadOnlySpan<T>, ReadOnlySpan<T>, Span<T>, void> serial) where T : unmanaged
    {
        int inPer = g.InHeight * g.InWidth * g.Channels, outPer = g.OutHeight * g.OutWidth * g.Channels;
        fixed (T* px = x)
        fixed (T* pdy = dy)
        fixed (T* pdx = dx)
            ParallelChunks.Run(g.Batch, 2 * inPer + outPer, 1,
                new BackwardChunk<T> { G = g, X = px, Dy = pdy, Dx = pdx, InPer = inPer, OutPer = outPer, Serial = serial });
    }

    private struct ForwardChunk<T> : IChunk where T : unmanaged
    {
        public Pool2DGeometry G;
        public T* X, Y;
        public int InPer, OutPer;
        public delegate*<in Pool2DGeometry, ReadOnlySpan<T>, Span<T>, void> Serial;

        public readonly void Run(int start, int count)
        {
            var part = G with { Batch = count };
            Serial(in part, new ReadOnlySpan<T>(X + (nint)start * InPer, count * InPer), new Span<T>(Y + (nint)start * OutPer, count * OutPer));
        }
    }

    private struct BackwardChunk<T> : IChunk where T : unmanaged
    {
        public Pool2DGeometry G;
        public T* X, Dy, Dx;
        public int InPer, OutPer;
        public delegate*<in Pool2DGeometry, ReadOnlySpan<T>, ReadOnlySpan<T>, Span<T>, void> Serial;

        public readonly void Run(int start, int count)
        {
            var part = G with { Batch = count };
            Serial(in part, new ReadOnlySpan<T>(X + (nint)start * InPer, count * InPer),
                new ReadOnlySpan<T>(Dy + (nint)start * OutPer, count * OutPer), new Span<T>(Dx + (nint)start * InPer, count * InPer));
        }
    }
}
