namespace Convergent.Tensors;

/// <summary>
/// Reuses the large buffers of one training step in the next. While an arena is active on a thread (see
/// <see cref="Activate"/>), ops take the storage of their large results, and autodiff the storage of intermediate
/// gradients, from the arena; when the activation ends, all of it returns to the arena for the next step.
/// Gradients of intermediate results go back even earlier, as soon as backward has used them.
/// </summary>
/// <remarks>
/// Why: a training step of a small CNN makes hundreds of megabytes of activations and gradients. As fresh arrays
/// they land on the large-object heap, every step collects them with a full GC, and the memory comes back from the
/// OS page by page — page faults that cost 10–15 % of a step. Reusing the same arrays step after step costs a
/// dictionary look-up per op.
/// <para>The contract: a tensor made by an op while the arena is active is valid only until the activation ends (a
/// trainer activates it around one step: forward, loss, backward, optimizer update, metrics). Weights, their
/// gradients, optimizer slots and every tensor made with the public factories (<see cref="Tensor.Zeros"/>,
/// <see cref="Tensor.Empty"/>, …) never come from the arena; neither do small tensors (scalars, losses, biases),
/// so nothing a trainer keeps is affected. Probes, which see a step's tensors, must not keep them (as
/// <c>ILayerProbe</c> already requires).</para>
/// <para>Memory: the arena keeps, per buffer size, as many buffers as the last activation had in use at once, so it
/// holds one step's peak and lets the rest (e.g. the buffers of a smaller last batch) go to the GC.</para>
/// </remarks>
public sealed class TensorArena
{
    /// <summary>Buffers shorter than this are ordinary allocations: small arrays are cheap for the GC, and keeping
    /// scalars and per-sample values out of the arena means the values a trainer keeps (the loss, activity penalties)
    /// stay valid.</summary>
    public const int MinPooledLength = 4096;

    [ThreadStatic] private static TensorArena? t_current;

    private readonly Dictionary<(DType, int), Bucket> _buckets = [];
    private readonly Dictionary<Array, (DType, int)> _outstanding = new(ReferenceEqualityComparer.Instance);
    private Thread? _owner;

    private sealed class Bucket
    {
        public readonly Stack<Array> Free = new();
        public int InUse, Peak;
    }

    /// <summary>The arena active on the calling thread, or null.</summary>
    internal static TensorArena? Current => t_current;

    /// <summary>Bytes the arena holds between activations (its free buffers).</summary>
    public long HeldBytes
    {
        get
        {
            long bytes = 0;
            foreach (var ((dtype, length), b) in _buckets) bytes += (long)b.Free.Count * length * (dtype == DType.Float32 ? 4 : 8);
            return bytes;
        }
    }

    /// <summary>Makes this arena the calling thread's until the result is disposed; disposing returns every buffer
    /// handed out meanwhile (tensors made in the scope must not be used afterwards).</summary>
    /// <exception cref="InvalidOperationException">The arena is already active (activations do not nest).</exception>
    public IDisposable Activate()
    {
        if (_owner is not null)
            throw new InvalidOperationException("This TensorArena is already active; activations do not nest and an arena serves one thread at a time.");
        _owner = Thread.CurrentThread;
        var scope = new Scope(this, t_current);
        t_current = this;
        return scope;
    }

    private sealed class Scope(TensorArena arena, TensorArena? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            arena.EndActivation();
            t_current = previous;
        }
    }

    /// <summary>Returns every outstanding buffer, then keeps per size only as many as were in use at once.</summary>
    private void EndActivation()
    {
        foreach (var (array, key) in _outstanding) _buckets[key].Free.Push(array);
        _outstanding.Clear();
        List<(DType, int)>? unused = null;
        foreach (var (key, b) in _buckets)
        {
            while (b.Free.Count > b.Peak) b.Free.Pop();
            if (b.Free.Count == 0) (unused ??= []).Add(key);
            b.InUse = 0;
            b.Peak = 0;
        }
        if (unused is not null) foreach (var key in unused) _buckets.Remove(key);
        _owner = null;
    }

    /// <summary>Storage for <paramref name="length"/> elements: from the active arena when there is one and the buffer
    /// is large, else a new array. Zeroed only when <paramref name="zeroed"/>.</summary>
    internal static Array Rent(DType dtype, int length, bool zeroed)
    {
        var arena = t_current;
        if (arena is null || length < MinPooledLength)
            return zeroed ? NewArray(dtype, length) : NewUninitialized(dtype, length);
        var key = (dtype, length);
        if (!arena._buckets.TryGetValue(key, out var b)) arena._buckets[key] = b = new Bucket();
        b.InUse++;
        if (b.InUse > b.Peak) b.Peak = b.InUse;
        Array array;
        if (b.Free.Count > 0)
        {
            array = b.Free.Pop();
            if (zeroed) Clear(array);
        }
        else array = zeroed ? NewArray(dtype, length) : NewUninitialized(dtype, length);
        arena._outstanding.Add(array, key);
        return array;
    }

    /// <summary>Gives <paramref name="array"/> back to the active arena before the activation ends, if the arena handed it
    /// out (anything else is ignored). The caller guarantees that no tensor still uses it.</summary>
    internal static void Return(Array array)
    {
        var arena = t_current;
        if (arena is null || array.Length < MinPooledLength || !arena._outstanding.Remove(array, out var key)) return;
        var b = arena._buckets[key];
        b.InUse--;
        b.Free.Push(array);
    }

    /// <summary>Zeroes a reused buffer; large ones in parallel chunks (a step zeroes ~100 MB of gradient buffers in a
    /// small CNN, which was a serial memset while the other core idled).</summary>
    private static void Clear(Array array)
    {
        if (array is float[] f) Kernels.Arithmetic.Clear<float>(f);
        else Kernels.Arithmetic.Clear<double>((double[])array);
    }

    private static Array NewArray(DType dtype, int length) =>
        dtype == DType.Float32 ? new float[length] : new double[length];

    private static Array NewUninitialized(DType dtype, int length) =>
        dtype == DType.Float32 ? GC.AllocateUninitializedArray<float>(length) : GC.AllocateUninitializedArray<double>(length);
}
