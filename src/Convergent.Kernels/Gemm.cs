using System.Numerics;

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
    /// in C does not leak into the result.
    /// </remarks>
    public static void Multiply<T>(bool transposeA, bool transposeB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0)
            return;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < k; p++)
                {
                    T av = transposeA ? a[p * lda + i] : a[i * lda + p];
                    T bv = transposeB ? b[j * ldb + p] : b[p * ldb + j];
                    sum += av * bv;
                }
                ref T cij = ref c[i * ldc + j];
                cij = T.IsZero(beta) ? alpha * sum : alpha * sum + beta * cij;
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
