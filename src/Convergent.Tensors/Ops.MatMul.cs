using System.Numerics;
using Convergent.Kernels;

namespace Convergent.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Matrix product of 2-D tensors: (M, K) · (K, N) → (M, N), optionally with either operand transposed.
    /// Backward: dA += dY·Bᵀ, dB += Aᵀ·dY — both as GEMMs with β = 1, so they accumulate.
    /// </summary>
    public static Tensor MatMul(Tensor a, Tensor b, bool transposeA = false, bool transposeB = false)
    {
        RequireSameType(a, b, "MatMul");
        if (a.Rank != 2 || b.Rank != 2)
            throw new ArgumentException($"MatMul needs 2-D operands; got {a.Shape} and {b.Shape}.");
        int m = transposeA ? a.Shape[1] : a.Shape[0], k = transposeA ? a.Shape[0] : a.Shape[1];
        int kb = transposeB ? b.Shape[1] : b.Shape[0], n = transposeB ? b.Shape[0] : b.Shape[1];
        if (k != kb)
            throw new ArgumentException($"MatMul: inner dimensions differ: {a.Shape}{(transposeA ? "ᵀ" : "")} · {b.Shape}{(transposeB ? "ᵀ" : "")}.");
        var y = Tensor.Scratch(new Shape(m, n), a.DType);
        if (IsF32(a)) MatMulForward<float>(a, b, y, transposeA, transposeB, m, n, k);
        else MatMulForward<double>(a, b, y, transposeA, transposeB, m, n, k);
        return Autograd.Record(y, "MatMul", [a, b], dy =>
        {
            if (IsF32(a)) MatMulBackward<float>(a, b, dy, transposeA, transposeB, m, n, k);
            else MatMulBackward<double>(a, b, dy, transposeA, transposeB, m, n, k);
        });
    }

    private static void MatMulForward<T>(Tensor a, Tensor b, Tensor y, bool ta, bool tb, int m, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Gemm.Multiply(ta, tb, m, n, k, T.One, a.AsSpan<T>(), a.Shape[1], b.AsSpan<T>(), b.Shape[1], T.Zero, y.AsSpan<T>(), n);

    private static void MatMulBackward<T>(Tensor a, Tensor b, Tensor dy, bool ta, bool tb, int m, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = dy.AsSpan<T>();
        if (a.RequiresGrad)
        {
            // a new gradient buffer is written (β = 0) rather than zeroed and accumulated into
            var da = GradTarget(a, out bool fresh).AsSpan<T>();
            T beta = fresh ? T.Zero : T.One;
            // A (m×k):  dA = dY·op(B)ᵀ ;  Aᵀ stored (k×m): dA_stored = op(B)·dYᵀ
            if (!ta) Gemm.Multiply(false, !tb, m, k, n, T.One, g, n, b.AsSpan<T>(), b.Shape[1], beta, da, k);
            else Gemm.Multiply(tb, true, k, m, n, T.One, b.AsSpan<T>(), b.Shape[1], g, n, beta, da, m);
        }
        if (b.RequiresGrad)
        {
            var db = GradTarget(b, out bool fresh).AsSpan<T>();
            T beta = fresh ? T.Zero : T.One;
            // B (k×n):  dB = op(A)ᵀ·dY ;  Bᵀ stored (n×k): dB_stored = dYᵀ·op(A)
            if (!tb) Gemm.Multiply(!ta, false, k, n, m, T.One, a.AsSpan<T>(), a.Shape[1], g, n, beta, db, n);
            else Gemm.Multiply(true, ta, n, k, m, T.One, g, n, a.AsSpan<T>(), a.Shape[1], beta, db, k);
        }
    }
}
