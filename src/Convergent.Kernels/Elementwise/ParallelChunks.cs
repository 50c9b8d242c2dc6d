using System.Runtime.CompilerServices;

namespace Convergent.Kernels;

/// <summary>One contiguous piece of a kernel's work: the items [start, start + count).</summary>
internal interface IChunk
{
    void Run(int start, int count);
}

/// <summary>
/// Splits a memory-bound pass (an elementwise op, a pooling sweep) into contiguous chunks run on
/// <see cref="Parallelism.MaxThreads"/> threads, allocation-free (the work is a struct holding raw pointers).
/// </summary>
/// <remarks>
/// Every item is computed by the same code whichever chunk it falls in, and chunk starts are multiples of
/// the <c>align</c> argument, so for elementwise work (align a multiple of the vector width) each element takes the
/// same vector or scalar path as in one serial pass: results are bit-identical for every thread count. Work below
/// <see cref="MinParallelWork"/> elements (tens of microseconds of streaming on one core) stays on the calling thread:
/// waking a worker that has gone to sleep costs on the order of ten microseconds.
/// </remarks>
internal static unsafe class ParallelChunks
{
    /// <summary>Elements (of touched memory per item × items) below which a pass runs serially.</summary>
    public const long MinParallelWork = 1 << 17;

    /// <summary>Chunk alignment for elementwise passes: a multiple of every vector width in elements.</summary>
    public const int ElementAlign = 64;

    private struct Job<TChunk> where TChunk : struct, IChunk
    {
        public TChunk Chunk;
        public int Count, Chunks, Align;
    }

    /// <summary>Runs <paramref name="chunk"/> over [0, <paramref name="count"/>) items, each about
    /// <paramref name="workPerItem"/> elements of memory traffic, in parallel when the pass is large enough.</summary>
    public static void Run<TChunk>(int count, long workPerItem, int align, TChunk chunk) where TChunk : struct, IChunk
    {
        int chunks = (long)count * workPerItem < MinParallelWork ? 1 : Math.Min(Parallelism.MaxThreads, count / Math.Max(align, 1));
        if (chunks <= 1)
        {
            if (count > 0)
                chunk.Run(0, count);
            return;
        }
        var job = new Job<TChunk> { Chunk = chunk, Count = count, Chunks = chunks, Align = align };
        WorkerPool.Run(0, chunks, chunks, &RunOne<TChunk>, Unsafe.AsPointer(ref job));
    }

    /// <summary>An elementwise pass over <paramref name="length"/> elements.</summary>
    public static void Elementwise<TChunk>(int length, TChunk chunk) where TChunk : struct, IChunk =>
        Run(length, 1, ElementAlign, chunk);

    private static void RunOne<TChunk>(void* state, int index) where TChunk : struct, IChunk
    {
        ref var job = ref Unsafe.AsRef<Job<TChunk>>(state);
        int start = Boundary(job.Count, job.Chunks, job.Align, index);
        int end = Boundary(job.Count, job.Chunks, job.Align, index + 1);
        if (end > start)
            job.Chunk.Run(start, end - start);
    }

    private static int Boundary(int count, int chunks, int align, int index)
    {
        if (index >= chunks)
            return count;
        long b = (long)count * index / chunks;
        return (int)(b - b % align);
    }
}
