using System.Numerics;
using System.Runtime.InteropServices;

namespace Convergent.Kernels.Tests;

[Collection(ParallelismCollection.Name)] // the determinism tests pin MaxThreads
public sealed class GemmTests
{
    // Rounding bound for a k-term dot product evaluated in any order (Higham, "Accuracy and Stability of
    // Numerical Algorithms", §3.1): |fl(Σ a·b) − Σ a·b| ≤ γ_k Σ|a·b| with γ_k ≈ k·u, u = eps/2. FMA and
    // blocked summation only tighten this. The reference itself is exact enough (double, or double for
    // float inputs), so we allow k·eps·Σ|α·a·b| + eps·|β·c| plus one ulp-ish slack for the final α/β scaling.
    private const double BoundSlack = 2.0;

    private static readonly int[] BlockSizes = [1, 2, 3, 7, 15, 16, 17, 31, 33, 63, 65, 127, 129, 255, 257];

    public static TheoryData<bool, bool> TransposeCombos => new() { { false, false }, { false, true }, { true, false }, { true, true } };

    public static TheoryData<int, int, int> SampledSizes()
    {
        // Every size appears as m, n and k at least once, paired with a deterministic random choice of the
        // other two; plus the straddling corner cases that hit every edge-tile path at once.
        var data = new TheoryData<int, int, int>();
        var rng = new Random(1234);
        foreach (int s in BlockSizes)
        {
            data.Add(s, Pick(rng), Pick(rng));
            data.Add(Pick(rng), s, Pick(rng));
            data.Add(Pick(rng), Pick(rng), s);
        }
        data.Add(257, 257, 257);
        data.Add(129, 33, 255);
        data.Add(1, 257, 1);
        return data;

        static int Pick(Random rng) => BlockSizes[rng.Next(BlockSizes.Length)];
    }

    [Theory]
    [MemberData(nameof(TransposeCombos))]
    public void Multiply_FloatTransposeCombos_MatchNaive(bool transposeA, bool transposeB)
    {
        // (128, 10, 512) and (512, 10, 128): a 10-class output layer forward and its kernel gradient (one-vector tile).
        foreach (var (m, n, k) in new[] { (37, 45, 53), (8, 4, 4), (130, 70, 300), (1, 1, 1), (5, 33, 2), (128, 10, 512), (512, 10, 128), (1, 4, 5000), (128, 1, 512), (512, 1, 128) })
            CheckAgainstNaive<float>(transposeA, transposeB, m, n, k, alpha: 1.5, beta: -0.5, padA: 3, padB: 0, padC: 5, seed: m * 7 + n);
    }

    [Theory]
    [MemberData(nameof(TransposeCombos))]
    public void Multiply_DoubleTransposeCombos_MatchNaive(bool transposeA, bool transposeB)
    {
        foreach (var (m, n, k) in new[] { (37, 45, 53), (8, 4, 4), (130, 70, 300), (1, 1, 1), (5, 33, 2), (100, 5, 200), (40, 8, 90) })
            CheckAgainstNaive<double>(transposeA, transposeB, m, n, k, alpha: 0.75, beta: 2.0, padA: 0, padB: 4, padC: 1, seed: m * 7 + n);
    }

    [Theory]
    [MemberData(nameof(TransposeCombos))]
    public void Multiply_SingleColumnProducts_MatchNaive(bool transposeA, bool transposeB)
    {
        // Dense(1) forward (X·w) and kernel gradient (Xᵀ·dy): n = 1 with unit strides takes the dot and axpy paths.
        CheckAgainstNaive<float>(transposeA, transposeB, 128, 1, 512, alpha: 1.0, beta: 0.0, padA: 0, padB: 0, padC: 0, seed: 11);
        CheckAgainstNaive<float>(transposeA, transposeB, 512, 1, 128, alpha: 0.5, beta: 1.0, padA: 0, padB: 0, padC: 0, seed: 12);
        CheckAgainstNaive<double>(transposeA, transposeB, 300, 1, 77, alpha: 2.0, beta: -1.0, padA: 2, padB: 0, padC: 0, seed: 13);
    }

    [Theory]
    [MemberData(nameof(SampledSizes))]
    public void Multiply_FloatSampledSizes_MatchNaive(int m, int n, int k)
    {
        // Rotate through transposes and alpha/beta so the sample covers every combination somewhere.
        int variant = (m * 31 + n * 17 + k) & 3;
        CheckAgainstNaive<float>((variant & 1) != 0, (variant & 2) != 0, m, n, k, alpha: 1.0, beta: variant == 0 ? 0.0 : 0.5,
            padA: 0, padB: 0, padC: 0, seed: m + 1000 * n + 7 * k);
    }

    [Theory]
    [MemberData(nameof(SampledSizes))]
    public void Multiply_DoubleSampledSizes_MatchNaive(int m, int n, int k)
    {
        int variant = (m * 13 + n * 5 + k * 3) & 3;
        CheckAgainstNaive<double>((variant & 1) != 0, (variant & 2) != 0, m, n, k, alpha: -1.25, beta: variant == 1 ? 0.0 : 1.0,
            padA: 1, padB: 2, padC: 3, seed: m + 1000 * n + 7 * k);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(true, false)]
    public void Multiply_LeadingDimsLargerThanWidth_MatchesNaiveAndLeavesGapsAlone(bool transposeA, bool transposeB)
    {
        CheckAgainstNaive<float>(transposeA, transposeB, 67, 41, 90, alpha: 1.0, beta: 1.0, padA: 13, padB: 7, padC: 11, seed: 5);
        CheckAgainstNaive<double>(transposeA, transposeB, 67, 41, 90, alpha: 1.0, beta: 1.0, padA: 13, padB: 7, padC: 11, seed: 6);
    }

    [Fact]
    public void Multiply_ZeroSizes_TouchOnlyWhatExists()
    {
        var c = new float[] { 1, 2, 3, 4, 5, 6 };
        Gemm.Multiply<float>(false, false, 0, 3, 4, 1f, [], 4, new float[12], 3, 0f, [], 3);
        Gemm.Multiply<float>(false, false, 2, 0, 4, 1f, new float[8], 4, [], 1, 0f, c, 3);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, c);

        // k = 0: op(A)·op(B) is the zero matrix, so C = beta·C.
        Gemm.Multiply<float>(false, false, 2, 3, 0, 1f, [], 1, [], 3, 2f, c, 3);
        Assert.Equal(new float[] { 2, 4, 6, 8, 10, 12 }, c);
    }

    [Fact]
    public void Multiply_BetaZero_IgnoresNaNInC()
    {
        var a = new float[] { 1, 2, 3, 4 };
        var b = new float[] { 5, 6, 7, 8 };
        var c = new float[] { float.NaN, float.NaN, float.NaN, float.NaN };
        Gemm.Multiply<float>(false, false, 2, 2, 2, 1f, a, 2, b, 2, 0f, c, 2);
        Assert.Equal(new float[] { 19, 22, 43, 50 }, c);
    }

    [Fact]
    public void Multiply_HandComputed2x3Times3x2_MatchesExactly()
    {
        // [1 2 3; 4 5 6] · [7 8; 9 10; 11 12] = [58 64; 139 154]; all values are small integers, so exact.
        var a = new double[] { 1, 2, 3, 4, 5, 6 };
        var b = new double[] { 7, 8, 9, 10, 11, 12 };
        var c = new double[] { 1, 1, 1, 1 };
        Gemm.Multiply<double>(false, false, 2, 2, 3, 2.0, a, 3, b, 2, -1.0, c, 2);
        Assert.Equal(new double[] { 115, 127, 277, 307 }, c);
    }

    [Fact]
    public void Multiply_StrideSmallerThanWidth_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.Multiply<float>(false, false, 2, 2, 3, 1f, new float[6], 2, new float[6], 2, 0f, new float[4], 2));
        Assert.Equal("lda", ex.ParamName);
    }

    [Fact]
    public void Multiply_SpanTooShort_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply<float>(false, false, 2, 2, 3, 1f, new float[6], 3, new float[5], 2, 0f, new float[4], 2));
        Assert.Equal("b", ex.ParamName);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Multiply_RepeatedCallsTwoThreads_BitIdentical(bool transposeA, bool transposeB)
    {
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 2;
            const int m = 300, n = 277, k = 513;
            var rng = new Random(99);
            var a = Random<float>(rng, m * k);
            var b = Random<float>(rng, k * n);
            var first = new float[m * n];
            Gemm.Multiply(transposeA, transposeB, m, n, k, 1f, a, transposeA ? m : k, b, transposeB ? k : n, 0f, first, n);
            for (int repeat = 0; repeat < 3; repeat++)
            {
                var again = new float[m * n];
                Gemm.Multiply(transposeA, transposeB, m, n, k, 1f, a, transposeA ? m : k, b, transposeB ? k : n, 0f, again, n);
                Assert.True(MemoryMarshal.AsBytes(first.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(again.AsSpan())));
            }
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Fact]
    public void Multiply_AnyThreadCount_BitIdentical()
    {
        // Each C element is owned by one thread and summed in an order fixed by the shape, so even the
        // thread count does not change a bit.
        int saved = Parallelism.MaxThreads;
        try
        {
            const int m = 190, n = 230, k = 700;
            var rng = new Random(7);
            var a = Random<float>(rng, m * k);
            var b = Random<float>(rng, k * n);
            float[]? reference = null;
            foreach (int threads in new[] { 1, 2, 3 })
            {
                Parallelism.MaxThreads = threads;
                var c = new float[m * n];
                Gemm.Multiply(false, true, m, n, k, 1f, a, k, b, k, 0f, c, n);
                reference ??= c;
                Assert.True(MemoryMarshal.AsBytes(reference.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(c.AsSpan())), $"threads={threads}");
            }
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Fact]
    public void Multiply_OneVersusTwoThreads_BothMatchNaive()
    {
        int saved = Parallelism.MaxThreads;
        try
        {
            foreach (int threads in new[] { 1, 2, 3 })
            {
                Parallelism.MaxThreads = threads;
                CheckAgainstNaive<float>(false, false, 200, 190, 260, alpha: 1.0, beta: 0.0, padA: 0, padB: 0, padC: 0, seed: threads);
                CheckAgainstNaive<double>(true, false, 150, 170, 90, alpha: 1.0, beta: 1.0, padA: 0, padB: 0, padC: 0, seed: threads);
            }
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Fact]
    public void Multiply_SteadyStateOneThread_DoesNotAllocate()
    {
        // Packing buffers are per-thread and reused, so after the first call nothing reaches the GC heap.
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 1;
            var a = new float[200 * 300];
            var b = new float[300 * 150];
            var c = new float[200 * 150];
            var ad = new double[9 * 7];
            var cd = new double[9 * 9];
            Gemm.Multiply<float>(true, false, 200, 150, 300, 1f, a, 200, b, 150, 0f, c, 150);
            Gemm.Multiply<double>(false, true, 9, 9, 7, 1.0, ad, 7, ad, 7, 1.0, cd, 9);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 3; i++)
            {
                Gemm.Multiply<float>(true, false, 200, 150, 300, 1f, a, 200, b, 150, 0f, c, 150);
                Gemm.Multiply<double>(false, true, 9, 9, 7, 1.0, ad, 7, ad, 7, 1.0, cd, 9);
            }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    private static void CheckAgainstNaive<T>(bool transposeA, bool transposeB, int m, int n, int k, double alpha, double beta,
        int padA, int padB, int padC, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random(seed);
        int aRows = transposeA ? k : m, aCols = transposeA ? m : k;
        int bRows = transposeB ? n : k, bCols = transposeB ? k : n;
        int lda = aCols + padA, ldb = bCols + padB, ldc = n + padC;
        var a = Random<T>(rng, Math.Max(0, (aRows - 1) * lda + aCols));
        var b = Random<T>(rng, Math.Max(0, (bRows - 1) * ldb + bCols));
        var c = Random<T>(rng, Math.Max(0, (m - 1) * ldc + n));
        var c0 = (T[])c.Clone();

        Gemm.Multiply(transposeA, transposeB, m, n, k, T.CreateChecked(alpha), a, lda, b, ldb, T.CreateChecked(beta), c, ldc);

        double eps = double.CreateChecked(MachineEpsilon<T>());
        // The twin: op(A) rows and op(B) columns copied out in double, then a plain triple loop.
        var opA = new double[m * k];
        var opB = new double[n * k];
        for (int i = 0; i < m; i++)
            for (int p = 0; p < k; p++)
                opA[i * k + p] = double.CreateChecked(transposeA ? a[p * lda + i] : a[i * lda + p]);
        for (int j = 0; j < n; j++)
            for (int p = 0; p < k; p++)
                opB[j * k + p] = double.CreateChecked(transposeB ? b[j * ldb + p] : b[p * ldb + j]);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0, absSum = 0;
                for (int p = 0; p < k; p++)
                {
                    double product = opA[i * k + p] * opB[j * k + p];
                    sum += product;
                    absSum += Math.Abs(product);
                }
                double cOld = double.CreateChecked(c0[i * ldc + j]);
                double expected = alpha * sum + (beta == 0 ? 0 : beta * cOld);
                double tolerance = BoundSlack * eps * ((k + 1) * Math.Abs(alpha) * absSum + Math.Abs(beta * cOld)) + double.Epsilon;
                double actual = double.CreateChecked(c[i * ldc + j]);
                Assert.True(Math.Abs(actual - expected) <= tolerance,
                    $"C[{i},{j}] = {actual}, expected {expected} ± {tolerance} (m={m} n={n} k={k} tA={transposeA} tB={transposeB})");
            }
            for (int j = n; j < ldc && i < m - 1; j++)
                Assert.Equal(c0[i * ldc + j], c[i * ldc + j]);
        }
    }

    /// <summary>The gap between 1 and the next representable value (2⁻²³ for float, 2⁻⁵² for double).</summary>
    private static T MachineEpsilon<T>() where T : IFloatingPointIeee754<T> => T.BitIncrement(T.One) - T.One;

    private static T[] Random<T>(Random rng, int length) where T : IFloatingPointIeee754<T>
    {
        var data = new T[length];
        for (int i = 0; i < length; i++)
            data[i] = T.CreateChecked(rng.NextDouble() * 2 - 1);
        return data;
    }
}
