using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Convergent.Kernels;

// Shape letters: a sliver is `width` (MR or NR) lines of a matrix, `depth` (kc) long. Packed layout is
// depth-major: dst[p·width + r] holds line r at depth p, lines past `lines` are zero padding.

/// <summary>Copies GEMM operand slivers into the depth-major, zero-padded order the tile kernels stream.</summary>
/// <remarks>
/// Packing costs O(m·k + k·n) against O(m·n·k) for the product, but conv layers multiply tall pixel matrices by
/// only 32–64 filters, so an element-at-a-time transpose would cost as much as the arithmetic; the 4×4 SIMD
/// transposes here move four values per instruction.
/// </remarks>
internal static unsafe class GemmPacking
{
    /// <summary>Lines are contiguous along the depth (row of a row-major operand read across): dst[p·width + r] = src[r·ld + p].</summary>
    public static void Transposing<T>(T* src, nint ld, int lines, int width, int depth, T* dst) where T : unmanaged
    {
        int r = 0;
        if (typeof(T) == typeof(float) && Sse.IsSupported)
        {
            for (; r + 4 <= lines; r += 4)
                Transpose4Float((float*)src + r * ld, ld, width, depth, (float*)dst + r);
        }
        else if (typeof(T) == typeof(double) && Avx.IsSupported)
        {
            for (; r + 4 <= lines; r += 4)
                Transpose4Double((double*)src + r * ld, ld, width, depth, (double*)dst + r);
        }
        for (; r < lines; r++)
        {
            T* s = src + r * ld;
            for (int p = 0; p < depth; p++)
                dst[(nint)p * width + r] = s[p];
        }
        ZeroPad(dst, lines, width, depth);
    }

    /// <summary>Lines are contiguous across the width (one operand row per depth step): dst[p·width + r] = src[p·ld + r].</summary>
    public static void Straight<T>(T* src, nint ld, int lines, int width, int depth, T* dst) where T : unmanaged
    {
        int bytes = lines * sizeof(T);
        for (int p = 0; p < depth; p++)
            CopySmall((byte*)(src + p * ld), (byte*)(dst + (nint)p * width), bytes);
        ZeroPad(dst, lines, width, depth);
    }

    private static void ZeroPad<T>(T* dst, int lines, int width, int depth) where T : unmanaged
    {
        if (lines == width)
            return;
        for (int p = 0; p < depth; p++)
            new Span<T>(dst + (nint)p * width + lines, width - lines).Clear();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopySmall(byte* s, byte* d, int bytes)
    {
        int i = 0;
        for (; i + 32 <= bytes; i += 32)
            Vector256.Store(Vector256.Load(s + i), d + i);
        for (; i + 16 <= bytes; i += 16)
            Vector128.Store(Vector128.Load(s + i), d + i);
        for (; i < bytes; i++)
            d[i] = s[i];
    }

    private static void Transpose4Float(float* s0, nint ld, int width, int depth, float* d)
    {
        float* s1 = s0 + ld, s2 = s1 + ld, s3 = s2 + ld;
        int p = 0;
        for (; p + 4 <= depth; p += 4)
        {
            var a0 = Sse.LoadVector128(s0 + p);
            var a1 = Sse.LoadVector128(s1 + p);
            var a2 = Sse.LoadVector128(s2 + p);
            var a3 = Sse.LoadVector128(s3 + p);
            var t0 = Sse.UnpackLow(a0, a1);   // a0[0] a1[0] a0[1] a1[1]
            var t1 = Sse.UnpackHigh(a0, a1);  // a0[2] a1[2] a0[3] a1[3]
            var t2 = Sse.UnpackLow(a2, a3);
            var t3 = Sse.UnpackHigh(a2, a3);
            float* o = d + (nint)p * width;
            Sse.Store(o, Sse.MoveLowToHigh(t0, t2));
            Sse.Store(o + width, Sse.MoveHighToLow(t2, t0));
            Sse.Store(o + 2 * width, Sse.MoveLowToHigh(t1, t3));
            Sse.Store(o + 3 * width, Sse.MoveHighToLow(t3, t1));
        }
        for (; p < depth; p++)
        {
            float* o = d + (nint)p * width;
            o[0] = s0[p];
            o[1] = s1[p];
            o[2] = s2[p];
            o[3] = s3[p];
        }
    }

    private static void Transpose4Double(double* s0, nint ld, int width, int depth, double* d)
    {
        double* s1 = s0 + ld, s2 = s1 + ld, s3 = s2 + ld;
        int p = 0;
        for (; p + 4 <= depth; p += 4)
        {
            var a0 = Avx.LoadVector256(s0 + p);
            var a1 = Avx.LoadVector256(s1 + p);
            var a2 = Avx.LoadVector256(s2 + p);
            var a3 = Avx.LoadVector256(s3 + p);
            var t0 = Avx.UnpackLow(a0, a1);   // a0[0] a1[0] a0[2] a1[2]
            var t1 = Avx.UnpackHigh(a0, a1);  // a0[1] a1[1] a0[3] a1[3]
            var t2 = Avx.UnpackLow(a2, a3);
            var t3 = Avx.UnpackHigh(a2, a3);
            double* o = d + (nint)p * width;
            Avx.Store(o, Avx.Permute2x128(t0, t2, 0x20));
            Avx.Store(o + width, Avx.Permute2x128(t1, t3, 0x20));
            Avx.Store(o + 2 * width, Avx.Permute2x128(t0, t2, 0x31));
            Avx.Store(o + 3 * width, Avx.Permute2x128(t1, t3, 0x31));
        }
        for (; p < depth; p++)
        {
            double* o = d + (nint)p * width;
            o[0] = s0[p];
            o[1] = s1[p];
            o[2] = s2[p];
            o[3] = s3[p];
        }
    }
}
