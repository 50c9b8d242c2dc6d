using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Convergent.Kernels;

// Shape letters: a register tile of C is MR rows × NR columns; NR is two SIMD vectors wide. Packed A holds,
// for each k step p, MR consecutive values of column p of the tile's rows; packed B holds NR consecutive
// values of row p. kc is the depth of the current K block.

/// <summary>
/// Register-tiled GEMM inner kernels: C[MR×NR] = alpha·Σ_p a_p ⊗ b_p (+ beta·C), accumulators kept in registers.
/// </summary>
/// <remarks>
/// Tile sizes come from the register file: with 32 zmm registers a 12×(2·16) float tile needs 24
/// accumulators + 2 B vectors + 1 broadcast A value; with 16 ymm registers (AVX2) the classic 6×(2·8) tile
/// needs 12 + 2 + 1. Both keep enough independent FMA chains (≥ latency × throughput = 4 × 2) in flight.
/// Generic over T so float and double share one body; the JIT specialises each and removes the type tests.
/// </remarks>
internal static unsafe class GemmMicroKernels
{
    /// <summary>Rows of the AVX-512 tile.</summary>
    public const int Mr512 = 12;

    /// <summary>Rows of the AVX2 tile.</summary>
    public const int Mr256 = 6;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        if (typeof(T) == typeof(float))
            return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<T>(T* c, Vector512<T> acc0, Vector512<T> acc1, Vector512<T> alpha, Vector512<T> beta, bool readC)
        where T : unmanaged
    {
        var v0 = acc0 * alpha;
        var v1 = acc1 * alpha;
        if (readC)
        {
            v0 = Fma(Vector512.Load(c), beta, v0);
            v1 = Fma(Vector512.Load(c + Vector512<T>.Count), beta, v1);
        }
        Vector512.Store(v0, c);
        Vector512.Store(v1, c + Vector512<T>.Count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<T>(T* c, Vector512<T> acc, Vector512<T> alpha, Vector512<T> beta, bool readC)
        where T : unmanaged
    {
        var v = acc * alpha;
        if (readC)
            v = Fma(Vector512.Load(c), beta, v);
        Vector512.Store(v, c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<T>(T* c, Vector256<T> acc0, Vector256<T> acc1, Vector256<T> alpha, Vector256<T> beta, bool readC)
        where T : unmanaged
    {
        var v0 = acc0 * alpha;
        var v1 = acc1 * alpha;
        if (readC)
        {
            v0 = Fma(Vector256.Load(c), beta, v0);
            v1 = Fma(Vector256.Load(c + Vector256<T>.Count), beta, v1);
        }
        Vector256.Store(v0, c);
        Vector256.Store(v1, c + Vector256<T>.Count);
    }

    /// <summary>12 × (2·Vector512) tile. <paramref name="a"/>, <paramref name="b"/> are packed and 64-byte aligned.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile512<T>(int kc, T* a, T* b, T* c, nint ldc, T alpha, T beta, bool readC)
        where T : unmanaged
    {
        int w = Vector512<T>.Count;
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<T> c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default;
        Vector512<T> c90 = default, c91 = default, ca0 = default, ca1 = default, cb0 = default, cb1 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.LoadAligned(b);
            var b1 = Vector512.LoadAligned(b + w);
            Vector512<T> x;
            x = Vector512.Create(a[0]); c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01);
            x = Vector512.Create(a[1]); c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11);
            x = Vector512.Create(a[2]); c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21);
            x = Vector512.Create(a[3]); c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31);
            x = Vector512.Create(a[4]); c40 = Fma(x, b0, c40); c41 = Fma(x, b1, c41);
            x = Vector512.Create(a[5]); c50 = Fma(x, b0, c50); c51 = Fma(x, b1, c51);
            x = Vector512.Create(a[6]); c60 = Fma(x, b0, c60); c61 = Fma(x, b1, c61);
            x = Vector512.Create(a[7]); c70 = Fma(x, b0, c70); c71 = Fma(x, b1, c71);
            x = Vector512.Create(a[8]); c80 = Fma(x, b0, c80); c81 = Fma(x, b1, c81);
            x = Vector512.Create(a[9]); c90 = Fma(x, b0, c90); c91 = Fma(x, b1, c91);
            x = Vector512.Create(a[10]); ca0 = Fma(x, b0, ca0); ca1 = Fma(x, b1, ca1);
            x = Vector512.Create(a[11]); cb0 = Fma(x, b0, cb0); cb1 = Fma(x, b1, cb1);
            a += Mr512;
            b += 2 * w;
        }
        var va = Vector512.Create(alpha);
        var vb = Vector512.Create(beta);
        StoreRow(c, c00, c01, va, vb, readC); c += ldc;
        StoreRow(c, c10, c11, va, vb, readC); c += ldc;
        StoreRow(c, c20, c21, va, vb, readC); c += ldc;
        StoreRow(c, c30, c31, va, vb, readC); c += ldc;
        StoreRow(c, c40, c41, va, vb, readC); c += ldc;
        StoreRow(c, c50, c51, va, vb, readC); c += ldc;
        StoreRow(c, c60, c61, va, vb, readC); c += ldc;
        StoreRow(c, c70, c71, va, vb, readC); c += ldc;
        StoreRow(c, c80, c81, va, vb, readC); c += ldc;
        StoreRow(c, c90, c91, va, vb, readC); c += ldc;
        StoreRow(c, ca0, ca1, va, vb, readC); c += ldc;
        StoreRow(c, cb0, cb1, va, vb, readC);
    }

    /// <summary>
    /// 12 × (1·Vector512) tile for products with at most one vector of columns (e.g. a 10-class output layer),
    /// where the two-vector tile would multiply mostly zero padding.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile512Narrow<T>(int kc, T* a, T* b, T* c, nint ldc, T alpha, T beta, bool readC)
        where T : unmanaged
    {
        int w = Vector512<T>.Count;
        Vector512<T> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        Vector512<T> c6 = default, c7 = default, c8 = default, c9 = default, ca = default, cb = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.LoadAligned(b);
            c0 = Fma(Vector512.Create(a[0]), b0, c0);
            c1 = Fma(Vector512.Create(a[1]), b0, c1);
            c2 = Fma(Vector512.Create(a[2]), b0, c2);
            c3 = Fma(Vector512.Create(a[3]), b0, c3);
            c4 = Fma(Vector512.Create(a[4]), b0, c4);
            c5 = Fma(Vector512.Create(a[5]), b0, c5);
            c6 = Fma(Vector512.Create(a[6]), b0, c6);
            c7 = Fma(Vector512.Create(a[7]), b0, c7);
            c8 = Fma(Vector512.Create(a[8]), b0, c8);
            c9 = Fma(Vector512.Create(a[9]), b0, c9);
            ca = Fma(Vector512.Create(a[10]), b0, ca);
            cb = Fma(Vector512.Create(a[11]), b0, cb);
            a += Mr512;
            b += w;
        }
        var va = Vector512.Create(alpha);
        var vb = Vector512.Create(beta);
        StoreRow(c, c0, va, vb, readC); c += ldc;
        StoreRow(c, c1, va, vb, readC); c += ldc;
        StoreRow(c, c2, va, vb, readC); c += ldc;
        StoreRow(c, c3, va, vb, readC); c += ldc;
        StoreRow(c, c4, va, vb, readC); c += ldc;
        StoreRow(c, c5, va, vb, readC); c += ldc;
        StoreRow(c, c6, va, vb, readC); c += ldc;
        StoreRow(c, c7, va, vb, readC); c += ldc;
        StoreRow(c, c8, va, vb, readC); c += ldc;
        StoreRow(c, c9, va, vb, readC); c += ldc;
        StoreRow(c, ca, va, vb, readC); c += ldc;
        StoreRow(c, cb, va, vb, readC);
    }

    /// <summary>6 × (2·Vector256) tile for AVX2 machines.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile256<T>(int kc, T* a, T* b, T* c, nint ldc, T alpha, T beta, bool readC)
        where T : unmanaged
    {
        int w = Vector256<T>.Count;
        Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.LoadAligned(b);
            var b1 = Vector256.LoadAligned(b + w);
            Vector256<T> x;
            x = Vector256.Create(a[0]); c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01);
            x = Vector256.Create(a[1]); c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11);
            x = Vector256.Create(a[2]); c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21);
            x = Vector256.Create(a[3]); c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31);
            x = Vector256.Create(a[4]); c40 = Fma(x, b0, c40); c41 = Fma(x, b1, c41);
            x = Vector256.Create(a[5]); c50 = Fma(x, b0, c50); c51 = Fma(x, b1, c51);
            a += Mr256;
            b += 2 * w;
        }
        var va = Vector256.Create(alpha);
        var vb = Vector256.Create(beta);
        StoreRow(c, c00, c01, va, vb, readC); c += ldc;
        StoreRow(c, c10, c11, va, vb, readC); c += ldc;
        StoreRow(c, c20, c21, va, vb, readC); c += ldc;
        StoreRow(c, c30, c31, va, vb, readC); c += ldc;
        StoreRow(c, c40, c41, va, vb, readC); c += ldc;
        StoreRow(c, c50, c51, va, vb, readC);
    }
}
