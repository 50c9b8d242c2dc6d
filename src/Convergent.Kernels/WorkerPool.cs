using System.Runtime.ExceptionServices;

namespace Convergent.Kernels;

/// <summary>
/// A few long-lived background threads that run the chunks of one <see cref="Parallelism.For"/> call at a time.
/// </summary>
/// <remarks>
/// Why not <c>Parallel.For</c>: it allocates per call and may hand one chunk's indices to several threads;
/// kernels run thousands of small calls per epoch and want neither. Chunk c always covers the same indices,
/// whichever thread runs it, so results never depend on scheduling. A nested or concurrent call (the pool
/// is busy) runs its chunks inline on the calling thread — same chunks, same order, same results.
/// </remarks>
internal static unsafe class WorkerPool
{
    private static readonly object Gate = new();
    private static readonly ManualResetEventSlim Done = new(false);
    private static Worker[] _workers = [];

    // The job being run; written under Gate before workers are released, read by them afterwards.
    private static Action<int>? _action;
    private static delegate*<void*, int, void> _function;
    private static void* _state;
    private static int _from, _chunks, _remaining;
    private static long _count;
    private static ExceptionDispatchInfo? _failure;

    [ThreadStatic]
    private static bool t_insideJob;

    /// <summary>Runs <paramref name="action"/>(i) for i in [from, from+count), cut into <paramref name="chunks"/> static chunks.</summary>
    public static void Run(int from, long count, int chunks, Action<int> action) => Run(from, count, chunks, action, null, null);

    /// <summary>Allocation-free variant: <paramref name="function"/>(state, i); state must outlive the call (it does: the call blocks).</summary>
    public static void Run(int from, int count, int chunks, delegate*<void*, int, void> function, void* state) =>
        Run(from, count, chunks, null, function, state);

    private static void Run(int from, long count, int chunks, Action<int>? action, delegate*<void*, int, void> function, void* state)
    {
        if (chunks <= 1 || t_insideJob || !Monitor.TryEnter(Gate))
        {
            RunInline(from, count, action, function, state);
            return;
        }
        try
        {
            EnsureWorkers(chunks - 1);
            _action = action;
            _function = function;
            _state = state;
            _from = from;
            _count = count;
            _chunks = chunks;
            _failure = null;
            Volatile.Write(ref _remaining, chunks - 1);
            Done.Reset();
            for (int w = 0; w < chunks - 1; w++)
                _workers[w].Start(w + 1);

            t_insideJob = true;
            try
            {
                RunChunk(0);
            }
            finally
            {
                t_insideJob = false;
            }
            Done.Wait();
            _action = null;
            _state = null;
            _failure?.Throw();
        }
        finally
        {
            Monitor.Exit(Gate);
        }
    }

    private static void RunInline(int from, long count, Action<int>? action, delegate*<void*, int, void> function, void* state)
    {
        for (long i = from; i < from + count; i++)
        {
            if (action is not null)
                action((int)i);
            else
                function(state, (int)i);
        }
    }

    private static void RunChunk(int chunk)
    {
        try
        {
            int start = (int)(_from + _count * chunk / _chunks);
            int end = (int)(_from + _count * (chunk + 1) / _chunks);
            var action = _action;
            var function = _function;
            var state = _state;
            for (int i = start; i < end; i++)
            {
                if (action is not null)
                    action(i);
                else
                    function(state, i);
            }
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(ex), null);
        }
    }

    private static void EnsureWorkers(int count)
    {
        if (_workers.Length >= count)
            return;
        var grown = new Worker[count];
        Array.Copy(_workers, grown, _workers.Length);
        for (int i = _workers.Length; i < count; i++)
            grown[i] = new Worker(i);
        _workers = grown;
    }

    private sealed class Worker
    {
        private readonly SemaphoreSlim _go = new(0);
        private int _chunk;

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"Convergent.Kernels worker {index + 1}" };
            thread.Start();
        }

        public void Start(int chunk)
        {
            _chunk = chunk;
            _go.Release();
        }

        private void Loop()
        {
            t_insideJob = true; // a kernel called from inside a chunk must not wait on the pool it is part of
            while (true)
            {
                _go.Wait();
                RunChunk(_chunk);
                if (Interlocked.Decrement(ref _remaining) == 0)
                    Done.Set();
            }
        }
    }
}
