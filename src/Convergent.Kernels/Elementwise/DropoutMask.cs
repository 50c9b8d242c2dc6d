using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Convergent.Kernels;

// Shapes: mask is a flat span of any length n (the mask tensor, row-major).

/// <summary>
/// Inverted-dropout masks: mask[i] = 1/(1 − rate) when a uniform draw uᵢ ∈ [0, 1) is ≥ rate, else 0 (rate = 1 keeps
/// nothing). Keras: the mask <c>keras.random.dropout</c> multiplies by.
/// </summary>
/// <remarks>
/// The draws come from a counter-based generator: uᵢ = ⌊SplitMix64(seed + (i + 1)·γ) / 2¹¹⌋ · 2⁻⁵³ with γ the golden-ratio
/// increment — SplitMix64's i-th output for that seed (Steele, Lea and Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014). Each element depends on (seed, i) alone, so a mask fills in parallel chunks with the same
/// result for every thread count, and a step needs one draw from the caller's generator (the seed) instead of one per
/// element. Comparing the 53-bit integer ⌊h/2¹¹⌋ with ⌈rate·2⁵³⌉ is exactly u ≥ rate. With AVX-512 eight draws run
/// in the lanes of one vector (the same 64-bit arithmetic, so the same mask), branch-free.
/// </remarks>
public static unsafe class DropoutMask
{
    private const ulong Gamma = 0x9E3779B97F4A7C15;

    /// <summary>Fills <paramref name="mask"/> with 0 or 1/(1 − <paramref name="rate"/>) from the draws of
    /// <paramref name="seed"/>.</summary>
    public static void Fill<T>(Span<T> mask, double rate, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(rate >= 0 && rate <= 1))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "Dropout rate must be in [0, 1].");
        T scale = rate < 1 ? T.CreateTruncating(1.0 / (1.0 - rate)) : T.Zero;
        ulong threshold = (ulong)Math.Ceiling(rate * 9007199254740992.0);   // ⌈rate·2⁵³⌉
        fixed (T* p = mask)
            ParallelChunks.Run(mask.Length, 4, ParallelChunks.ElementAlign, new FillChunk<T> { Mask = p, Seed = seed, Threshold = threshold, Scale = scale });
    }

    /// <summary>The 64-bit draw for element <paramref name="index"/> of seed <paramref name="seed"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Draw(ulong seed, long index)
    {
        ulong z = seed + (ulong)(index + 1) * Gamma;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    private struct FillChunk<T> : IChunk where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T* Mask;
        public ulong Seed, Threshold;
        public T Scale;

        public readonly void Run(int start, int count)
        {
            int i = start, end = start + count;
            if (Vector512.IsHardwareAccelerated)
            {
                if (typeof(T) == typeof(float))
                    i = Fill512((float*)Mask, i, end, Seed, Threshold, Unsafe.BitCast<T, float>(Scale));
                else if (typeof(T) == typeof(double))
                    i = Fill512((double*)Mask, i, end, Seed, Threshold, Unsafe.BitCast<T, double>(Scale));
            }
            for (; i < end; i++)
                Mask[i] = Draw(Seed, i) >> 11 >= Threshold ? Scale : T.Zero;
        }
    }

    /// <summary>Eight draws at once, elements [i, i + 8): the same arithmetic as <see cref="Draw"/> in 64-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Keep512(ulong seed, int i, ulong threshold)
    {
        var z = Vector512.Create(seed + (ulong)(i + 1) * Gamma) + Lanes * Vector512.Create(Gamma);
        z = (z ^ (z >> 30)) * Vector512.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >> 27)) * Vector512.Create(0x94D049BB133111EBUL);
        z ^= z >> 31;
        return Vector512.GreaterThanOrEqual(z >> 11, Vector512.Create(threshold));
    }

    private static readonly Vector512<ulong> Lanes = Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7);

    /// <summary>Fills whole blocks of 16 floats from i; returns where the scalar tail starts.</summary>
    private static int Fill512(float* mask, int i, int end, ulong seed, ulong threshold, float scale)
    {
        var bits = Vector512.Create(BitConverter.SingleToUInt32Bits(scale));
        for (; i <= end - 16; i += 16)
        {
            var keep = Vector512.Narrow(Keep512(seed, i, threshold), Keep512(seed, i + 8, threshold));
            (keep & bits).AsSingle().Store(mask + i);
        }
        return i;
    }

    /// <summary>Fills whole blocks of 8 doubles from i; returns where the scalar tail starts.</summary>
    private static int Fill512(double* mask, int i, int end, ulong seed, ulong threshold, double scale)
    {
        var bits = Vector512.Create(BitConverter.DoubleToUInt64Bits(scale));
        for (; i <= end - 8; i += 8)
            (Keep512(seed, i, threshold) & bits).AsDouble().Store(mask + i);
        return i;
    }
}
