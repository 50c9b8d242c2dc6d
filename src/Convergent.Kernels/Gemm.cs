using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace Convergent.Kernels;

// Shape letters: C (m×n) = alpha · op(A) (m×k) · op(B) (k×n) + beta · C, all row-major.
// op(X) is X or Xᵀ; lda/ldb/ldc are the row strides of the matrices as stored (before op).

/// <summary>General matrix multiply (BLAS sgemm/dgemm semantics, row-major).</summary>
public static class Gemm
{
    /// <summary>
    /// C = alpha · op(A) · op(B) + beta · C; row-major; op(A) is m×k, op(B) is k×n;
    /// lda/ldb/ldc are row strides of the stored matrices.
    /// </summary>
    /// <remarks>
    /// As in BLAS, when <paramref name="beta"/> is zero C is written without being read, so NaN or garbage
    /// in C does not leak into the result; when alpha is zero or k is zero, A and B are not read.
    /// Large products run on up to <see cref="Parallelism.MaxThreads"/> threads, each owning whole rows or
    /// columns of C; every element is summed in an order fixed by the shape alone, so the result is
    /// bit-identical from call to call and for any thread count. Steady-state calls do not allocate.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative or a stride is smaller than its row width.</exception>
    /// <exception cref="ArgumentException">A span is too short for its matrix.</exception>
    public static void Multiply<T>(bool transposeA, bool transposeB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0)
            return;
        bool betaIsZero = T.IsZero(beta);
        if (k == 0 || T.IsZero(alpha))
        {
            // op(A)·op(B) contributes nothing; as in BLAS, A and B are not read.
            for (int i = 0; i < m; i++)
                ScaleRow(c.Slice(i * ldc, n), beta, betaIsZero);
            return;
        }
        if ((long)m * n * k >= PackedThreshold && m >= MinPackedSide && n >= MinPackedSide && PackedGemm.IsSupported<T>())
        {
            unsafe
            {
                fixed (T* pa = a)
                fixed (T* pb = b)
                fixed (T* pc = c)
                    PackedGemm.Multiply(transposeA, transposeB, m, n, k, alpha, pa, lda, pb, ldb, beta, betaIsZero, pc, ldc);
            }
            return;
        }
        Direct(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, betaIsZero, c, ldc);
    }

    // Below about 16³ multiply-adds, packing both operands costs more than the multiplication itself;
    // row-by-row vector loops on the unpacked operands win (and are the path for types without SIMD kernels).
    private const long PackedThreshold = 16 * 16 * 16;

    // A register tile is 12 × 32 (float): with fewer than 4 rows or columns most of its lanes would multiply
    // zero padding, and each element of the longer operand is used only m (or n) times, so there is little
    // reuse for blocking to exploit (e.g. the 1×160 000 · 160 000×4 product of a 400×400 convolution).
    private const int MinPackedSide = 4;

    // Rows shorter than this are updated with plain loops: TensorPrimitives' per-call dispatch costs more than
    // a handful of scalar multiply-adds.
    private const int ShortRow = 16;

    // Longest op(A) row gathered on the stack in the transposed-A direct path; longer ones use the array pool.
    private const int StackGatherLimit = 1024;

    /// <summary>Unblocked GEMM: one C row at a time, vectorised along n (B rows) or along k (dot products).</summary>
    private static void Direct<T>(bool transposeA, bool transposeB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, bool betaIsZero, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n < ShortRow && k < ShortRow)
        {
            // Tiny products (e.g. 8×4×4): every element is one short multiply-add chain kept in a register;
            // no span helpers, no passes over C.
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    T sum = T.Zero;
                    for (int p = 0; p < k; p++)
                    {
                        T av = transposeA ? a[p * lda + i] : a[i * lda + p];
                        T bv = transposeB ? b[j * ldb + p] : b[p * ldb + j];
                        sum = T.FusedMultiplyAdd(av, bv, sum);
                    }
                    ref T cij = ref c[i * ldc + j];
                    cij = betaIsZero ? alpha * sum : T.FusedMultiplyAdd(cij, beta, alpha * sum);
                }
            }
            return;
        }

        if (transposeA && n == 1 && ldc == 1)
        {
            // C is one contiguous column and op(A)'s columns are contiguous rows of A (e.g. a Dense(1) kernel
            // gradient Xᵀ·dy): C += (alpha·b_p) · A row p, vectorised along m, instead of m strided dot products.
            ScaleRow(c.Slice(0, m), beta, betaIsZero);
            for (int p = 0; p < k; p++)
            {
                T s = alpha * b[transposeB ? p : p * ldb];
                TensorPrimitives.FusedMultiplyAdd(a.Slice(p * lda, m), s, c.Slice(0, m), c.Slice(0, m));
            }
            return;
        }

        // A single contiguous column of op(B) (e.g. a Dense(1) layer's k×1 kernel) is better read as a dot
        // product than as k one-element row updates.
        bool singleContiguousColumn = !transposeB && n == 1 && ldb == 1;
        if (!transposeB && !singleContiguousColumn)
        {
            // C row i = beta·C row i + Σ_p (alpha·A[i,p]) · B row p.
            for (int i = 0; i < m; i++)
            {
                Span<T> cRow = c.Slice(i * ldc, n);
                ScaleRow(cRow, beta, betaIsZero);
                for (int p = 0; p < k; p++)
                {
                    T s = alpha * (transposeA ? a[p * lda + i] : a[i * lda + p]);
                    ReadOnlySpan<T> bRow = b.Slice(p * ldb, n);
                    if (n < ShortRow)
                    {
                        for (int j = 0; j < cRow.Length; j++)
                            cRow[j] = T.FusedMultiplyAdd(bRow[j], s, cRow[j]);
                    }
                    else
                    {
                        TensorPrimitives.FusedMultiplyAdd(bRow, s, cRow, cRow);
                    }
                }
            }
            return;
        }

        // op(B) columns are contiguous (rows of B, or B's only column): C[i,j] = alpha·dot(op(A) row i, column j) + beta·C[i,j].
        T[]? rented = null;
        Span<T> gathered = !transposeA ? default
            : k <= StackGatherLimit ? stackalloc T[k]
            : (rented = ArrayPool<T>.Shared.Rent(k)).AsSpan(0, k);
        for (int i = 0; i < m; i++)
        {
            scoped ReadOnlySpan<T> aRow;
            if (transposeA)
            {
                for (int p = 0; p < k; p++)
                    gathered[p] = a[p * lda + i];
                aRow = gathered;
            }
            else
            {
                aRow = a.Slice(i * lda, k);
            }
            Span<T> cRow = c.Slice(i * ldc, n);
            for (int j = 0; j < n; j++)
            {
                T dot = alpha * Dot(aRow, b.Slice(j * ldb, k));
                cRow[j] = betaIsZero ? dot : T.FusedMultiplyAdd(cRow[j], beta, dot);
            }
        }
        if (rented is not null)
            ArrayPool<T>.Shared.Return(rented);
    }

    private static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length >= ShortRow)
            return TensorPrimitives.Dot(x, y);
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++)
            sum = T.FusedMultiplyAdd(x[i], y[i], sum);
        return sum;
    }

    private static void ScaleRow<T>(Span<T> row, T beta, bool betaIsZero) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (betaIsZero)
        {
            row.Clear();
        }
        else if (beta != T.One)
        {
            if (row.Length < ShortRow)
            {
                for (int j = 0; j < row.Length; j++)
                    row[j] *= beta;
            }
            else
            {
                TensorPrimitives.Multiply(row, beta, row);
            }
        }
    }

    private static void Validate(bool transposeA, bool transposeB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        CheckMatrix(transposeA ? k : m, transposeA ? m : k, aLength, lda, "a", "lda");
        CheckMatrix(transposeB ? n : k, transposeB ? k : n, bLength, ldb, "b", "ldb");
        CheckMatrix(m, n, cLength, ldc, "c", "ldc");
    }

    private static void CheckMatrix(int rows, int cols, int length, int ld, string name, string ldName)
    {
        if (ld < Math.Max(1, cols))
            throw new ArgumentOutOfRangeException(ldName, ld, $"{ldName}={ld} is smaller than the stored row width {cols}.");
        if (rows == 0 || cols == 0)
            return;
        long needed = (long)(rows - 1) * ld + cols;
        if (length < needed)
            throw new ArgumentException($"{name} holds {length} elements but a {rows}×{cols} matrix with stride {ld} needs {needed}.", name);
    }
}
