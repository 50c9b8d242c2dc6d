namespace Convergent.Kernels;

/// <summary>
/// Thread count used by all kernels; deterministic partitioning for a fixed value.
/// </summary>
/// <remarks>
/// Kernels never let the scheduler decide which work items are combined: a range is cut into
/// <see cref="MaxThreads"/> contiguous chunks by arithmetic alone, so for a fixed thread count every
/// floating-point sum is formed in the same order on every call.
/// </remarks>
public static class Parallelism
{
    private static int _maxThreads = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Number of threads kernels may use (default <see cref="Environment.ProcessorCount"/>); at least 1.</summary>
    public static int MaxThreads
    {
        get => Volatile.Read(ref _maxThreads);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Volatile.Write(ref _maxThreads, value);
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/> for every index in [<paramref name="fromInclusive"/>, <paramref name="toExclusive"/>),
    /// the range cut statically into at most <see cref="MaxThreads"/> contiguous chunks, one per thread.
    /// </summary>
    /// <remarks>
    /// Chunk boundaries depend only on the range and <see cref="MaxThreads"/>. A call made from inside a body, or
    /// while another thread's call holds the workers, runs its chunks inline on the calling thread. The first
    /// exception thrown by a body is rethrown to the caller once every chunk has finished.
    /// </remarks>
    public static void For(int fromInclusive, int toExclusive, Action<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (toExclusive <= fromInclusive)
            return;
        long count = (long)toExclusive - fromInclusive;
        int chunks = (int)Math.Min(MaxThreads, count);
        if (chunks == 1)
        {
            for (int i = fromInclusive; i < toExclusive; i++)
                body(i);
            return;
        }
        WorkerPool.Run(fromInclusive, count, chunks, body);
    }
}
