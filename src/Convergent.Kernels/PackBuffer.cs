using System.Runtime.CompilerServices;

namespace Convergent.Kernels;

/// <summary>
/// Per-thread, 64-byte-aligned scratch memory that grows on demand and is reused by every later call, so
/// steady-state kernels do not allocate.
/// </summary>
/// <remarks>
/// Backed by a pinned-object-heap array: it never moves, so a raw pointer stays valid, and the GC reclaims it
/// when its thread dies. 64-byte alignment keeps every 512-bit load of a packed panel inside one cache line.
/// </remarks>
internal sealed unsafe class PackBuffer
{
    private const int Alignment = 64;

    [ThreadStatic]
    private static PackBuffer? t_first, t_second;

    private byte[] _storage = [];
    private byte* _aligned;
    private long _capacity;

    /// <summary>The calling thread's first buffer (GEMM packs A here).</summary>
    public static PackBuffer First => t_first ??= new PackBuffer();

    /// <summary>The calling thread's second buffer (GEMM packs B here).</summary>
    public static PackBuffer Second => t_second ??= new PackBuffer();

    /// <summary>Returns at least <paramref name="count"/> elements of aligned, uninitialized memory.</summary>
    public T* Get<T>(long count) where T : unmanaged
    {
        long bytes = count * sizeof(T);
        if (bytes > _capacity)
        {
            // Grow by 1.5× so a slowly growing workload settles after a few calls.
            long size = Math.Max(bytes, _capacity + _capacity / 2);
            _storage = GC.AllocateUninitializedArray<byte>(checked((int)(size + Alignment)), pinned: true);
            byte* start = (byte*)Unsafe.AsPointer(ref _storage[0]);
            _aligned = (byte*)(((nuint)start + Alignment - 1) & ~(nuint)(Alignment - 1));
            _capacity = size;
        }
        return (T*)_aligned;
    }
}
