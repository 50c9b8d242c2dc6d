using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Convergent.Kernels;

// Shape letters: C (m×n) += op(A) (m×k) · op(B) (k×n). MR×NR is the register tile (GemmMicroKernels);
// the loops cut M into MC-row blocks, K into KC-deep blocks and N into NC-column blocks:
//   for each MC block of rows:  for each KC block:  pack A (MC×KC, MR-row slivers)
//     for each NC block of columns:  pack B (KC×NC, NR-column slivers)
//       for each MR sliver of A (stays in L1):  for each NR sliver of B (streams from L2):  tile kernel
// Packing puts every operand into the exact order the tile kernel reads, whatever the transposes and
// strides, and pads edge slivers with zeros so the kernel never branches on size.

/// <summary>Cache-blocked, packed, multithreaded GEMM for float and double on AVX2/AVX-512 machines.</summary>
internal static unsafe class PackedGemm
{
    // Block sizes in bytes of one packed row/column, chosen for Zen 4 / recent Intel: a KC-deep A sliver
    // (12 × 384 floats = 18 KB) stays in the 32 KB L1 next to the streaming B slivers; a KC×NC B block
    // (384 × 320 floats = 480 KB) stays in the 1–2 MB private L2; the MC×KC A block lives in L3.
    private const int KcBytes = 384 * 4;
    private const int NcColumns = 320;
    private const int McRows = 1536;

    // Below this many multiply-adds a call finishes in tens of microseconds and waking a worker costs more
    // than it saves.
    private const long ParallelThreshold = 1L << 21;

    /// <summary>True when the packed path can run for T on this machine.</summary>
    public static bool IsSupported<T>() =>
        (typeof(T) == typeof(float) || typeof(T) == typeof(double))
        && (Vector512.IsHardwareAccelerated || (Vector256.IsHardwareAccelerated && Fma.IsSupported));

    private struct Job<T> where T : unmanaged
    {
        public T* A, B, C;
        public nint Lda, Ldb, Ldc;
        public int M, N, K, Mr, Nr, Parts;
        public bool TransA, TransB, SplitN, BetaIsZero, Use512, Narrow;
        public T Alpha, Beta;
    }

    /// <summary>C = alpha·op(A)·op(B) + beta·C for m, n, k &gt; 0 (caller validated and pinned).</summary>
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        T* a, int lda, T* b, int ldb, T beta, bool betaIsZero, T* c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool use512 = Vector512.IsHardwareAccelerated;
        int mr = use512 ? GemmMicroKernels.Mr512 : GemmMicroKernels.Mr256;
        // A product at most one vector wide uses the one-vector tile: half the padding work.
        bool narrow = use512 && n <= Vector512<T>.Count;
        int nr = (narrow ? 1 : 2) * (use512 ? Vector512<T>.Count : Vector256<T>.Count);

        int threads = (long)m * n * k < ParallelThreshold ? 1 : Parallelism.MaxThreads;
        int nSlivers = (n + nr - 1) / nr, mSlivers = (m + mr - 1) / mr;
        // Each part owns whole columns (or rows) of C, so a C element is computed by one thread with the same
        // K blocking whatever the thread count: results are bit-identical for any MaxThreads.
        bool splitN = nSlivers >= threads || nSlivers >= mSlivers;
        int parts = Math.Max(1, Math.Min(threads, splitN ? nSlivers : mSlivers));

        var job = new Job<T>
        {
            A = a, B = b, C = c, Lda = lda, Ldb = ldb, Ldc = ldc, M = m, N = n, K = k, Mr = mr, Nr = nr, Parts = parts,
            TransA = transA, TransB = transB, SplitN = splitN, Narrow = narrow, BetaIsZero = betaIsZero, Use512 = use512, Alpha = alpha, Beta = beta,
        };
        if (parts == 1)
            RunPart<T>(&job, 0);
        else
            WorkerPool.Run(0, parts, parts, &RunPart<T>, &job);
    }

    private static void RunPart<T>(void* state, int part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref Job<T> job = ref Unsafe.AsRef<Job<T>>(state);
        int m0 = 0, m1 = job.M, n0 = 0, n1 = job.N;
        if (job.SplitN)
        {
            int slivers = (job.N + job.Nr - 1) / job.Nr;
            n0 = (int)((long)slivers * part / job.Parts) * job.Nr;
            n1 = Math.Min(job.N, (int)((long)slivers * (part + 1) / job.Parts) * job.Nr);
        }
        else
        {
            int slivers = (job.M + job.Mr - 1) / job.Mr;
            m0 = (int)((long)slivers * part / job.Parts) * job.Mr;
            m1 = Math.Min(job.M, (int)((long)slivers * (part + 1) / job.Parts) * job.Mr);
        }
        if (m0 < m1 && n0 < n1)
            Compute(ref job, m0, m1, n0, n1);
    }

    private static void Compute<T>(ref Job<T> job, int m0, int m1, int n0, int n1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int mr = job.Mr, nr = job.Nr;
        int kcMax = KcBytes / sizeof(T);
        int mcMax = Math.Min(McRows, RoundUp(m1 - m0, mr));
        int ncMax = Math.Min(NcColumns, RoundUp(n1 - n0, nr));
        T* packA = PackBuffer.First.Get<T>((long)RoundUp(mcMax, mr) * kcMax);
        T* packB = PackBuffer.Second.Get<T>((long)RoundUp(ncMax, nr) * kcMax);
        T* tile = stackalloc T[GemmMicroKernels.Mr512 * 2 * Vector512<T>.Count];
        nint ldc = job.Ldc;

        for (int ic = m0; ic < m1; ic += mcMax)
        {
            int mc = Math.Min(mcMax, m1 - ic);
            for (int pc = 0; pc < job.K; pc += kcMax)
            {
                int kc = Math.Min(kcMax, job.K - pc);
                bool readC = pc > 0 || !job.BetaIsZero;
                T beta = pc > 0 ? T.One : job.Beta;
                PackA(job.A, job.Lda, job.TransA, ic, mc, pc, kc, mr, packA);
                for (int jc = n0; jc < n1; jc += ncMax)
                {
                    int nc = Math.Min(ncMax, n1 - jc);
                    PackB(job.B, job.Ldb, job.TransB, pc, kc, jc, nc, nr, packB);
                    for (int ir = 0; ir < mc; ir += mr)
                    {
                        int rows = Math.Min(mr, mc - ir);
                        T* ap = packA + (nint)ir * kc;
                        T* cRow = job.C + (ic + ir) * ldc + jc;
                        for (int jr = 0; jr < nc; jr += nr)
                        {
                            int cols = Math.Min(nr, nc - jr);
                            T* bp = packB + (nint)jr * kc;
                            if (rows == mr && cols == nr)
                            {
                                Tile(job.Use512, job.Narrow, kc, ap, bp, cRow + jr, ldc, job.Alpha, beta, readC);
                                continue;
                            }
                            // Edge tile: compute the full padded tile aside, then merge only the real part, with
                            // the same fused beta·C + alpha·acc rounding as the vector store.
                            Tile(job.Use512, job.Narrow, kc, ap, bp, tile, nr, job.Alpha, T.Zero, false);
                            for (int r = 0; r < rows; r++)
                            {
                                T* cr = cRow + r * ldc + jr;
                                T* tr = tile + r * nr;
                                for (int j = 0; j < cols; j++)
                                    cr[j] = readC ? T.FusedMultiplyAdd(cr[j], beta, tr[j]) : tr[j];
                            }
                        }
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile<T>(bool use512, bool narrow, int kc, T* a, T* b, T* c, nint ldc, T alpha, T beta, bool readC) where T : unmanaged
    {
        if (narrow)
            GemmMicroKernels.Tile512Narrow(kc, a, b, c, ldc, alpha, beta, readC);
        else if (use512)
            GemmMicroKernels.Tile512(kc, a, b, c, ldc, alpha, beta, readC);
        else
            GemmMicroKernels.Tile256(kc, a, b, c, ldc, alpha, beta, readC);
    }

    /// <summary>Packs op(A)[i0 .. i0+mc, p0 .. p0+kc] as MR-row slivers, each stored k-major, zero-padded to MR rows.</summary>
    private static void PackA<T>(T* a, nint lda, bool transA, int i0, int mc, int p0, int kc, int mr, T* dst) where T : unmanaged
    {
        for (int s = 0; s < mc; s += mr)
        {
            int rows = Math.Min(mr, mc - s);
            T* d = dst + (nint)s * kc;
            if (!transA)
                GemmPacking.Transposing(a + (i0 + s) * lda + p0, lda, rows, mr, kc, d);   // op(A)[i, p] = A[i·lda + p]
            else
                GemmPacking.Straight(a + p0 * lda + i0 + s, lda, rows, mr, kc, d);        // op(A)[i, p] = A[p·lda + i]
        }
    }

    /// <summary>Packs op(B)[p0 .. p0+kc, j0 .. j0+nc] as NR-column slivers, each stored k-major, zero-padded to NR columns.</summary>
    private static void PackB<T>(T* b, nint ldb, bool transB, int p0, int kc, int j0, int nc, int nr, T* dst) where T : unmanaged
    {
        for (int s = 0; s < nc; s += nr)
        {
            int cols = Math.Min(nr, nc - s);
            T* d = dst + (nint)s * kc;
            if (!transB)
                GemmPacking.Straight(b + p0 * ldb + j0 + s, ldb, cols, nr, kc, d);       // op(B)[p, j] = B[p·ldb + j]
            else
                GemmPacking.Transposing(b + (j0 + s) * ldb + p0, ldb, cols, nr, kc, d);  // op(B)[p, j] = B[j·ldb + p]
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
