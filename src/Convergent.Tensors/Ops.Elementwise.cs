using System.Numerics;
using System.Numerics.Tensors;

namespace Convergent.Tensors;

public static partial class Ops
{
    private enum BinaryKind { Add, Subtract, Multiply, Divide, Maximum, Minimum }

    /// <summary>a + b with numpy broadcasting.</summary>
    public static Tensor Add(Tensor a, Tensor b) => Binary(a, b, BinaryKind.Add);

    /// <summary>a − b with numpy broadcasting.</summary>
    public static Tensor Subtract(Tensor a, Tensor b) => Binary(a, b, BinaryKind.Subtract);

    /// <summary>a ⊙ b (elementwise) with numpy broadcasting.</summary>
    public static Tensor Multiply(Tensor a, Tensor b) => Binary(a, b, BinaryKind.Multiply);

    /// <summary>a ⊘ b (elementwise) with numpy broadcasting.</summary>
    public static Tensor Divide(Tensor a, Tensor b) => Binary(a, b, BinaryKind.Divide);

    /// <summary>max(a, b) elementwise; the gradient goes to a where a ≥ b, else to b.</summary>
    public static Tensor Maximum(Tensor a, Tensor b) => Binary(a, b, BinaryKind.Maximum);

    /// <summary>min(a, b) elementwise; the gradient goes to a where a ≤ b, else to b.</summary>
    public static Tensor Minimum(Tensor a, Tensor b) => Binary(a, b, BinaryKind.Minimum);

    private static Tensor Binary(Tensor a, Tensor b, BinaryKind kind)
    {
        RequireSameType(a, b, kind.ToString());
        var shape = Shape.Broadcast(a.Shape, b.Shape);
        var y = Tensor.Empty(shape, a.DType);
        if (IsF32(a)) BinaryForward<float>(a, b, y, kind); else BinaryForward<double>(a, b, y, kind);
        return Autograd.Record(y, kind.ToString(), [a, b], dy =>
        {
            if (IsF32(a)) BinaryBackward<float>(a, b, dy, kind); else BinaryBackward<double>(a, b, dy, kind);
        });
    }

    private static void BinaryForward<T>(Tensor a, Tensor b, Tensor y, BinaryKind kind)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var av = a.AsSpan<T>(); var bv = b.AsSpan<T>(); var yv = y.AsSpan<T>();
        if (a.Shape.Equals(b.Shape)) { Apply(kind, av, bv, yv); return; }
        int n = Broadcasting.Last(y.Shape);
        int na = Broadcasting.Last(a.Shape) == n && a.Rank > 0 ? n : 1;
        int nb = Broadcasting.Last(b.Shape) == n && b.Rank > 0 ? n : 1;
        if (n == 1) { na = nb = 1; }
        Span<int> scratch = stackalloc int[4 * Math.Max(y.Rank, 1)];
        var w = new Broadcasting.RowWalker(y.Shape, a.Shape, b.Shape, scratch);
        for (int r = 0; r < w.Rows; r++, w.Next())
        {
            var yr = yv.Slice(r * n, n);
            if (na == n && nb == n) Apply(kind, av.Slice(w.A, n), bv.Slice(w.B, n), yr);
            else if (na == n) ApplyScalarRight(kind, av.Slice(w.A, n), bv[w.B], yr);
            else if (nb == n) ApplyScalarLeft(kind, av[w.A], bv.Slice(w.B, n), yr);
            else yr.Fill(ScalarOp(kind, av[w.A], bv[w.B]));
        }
    }

    private static T ScalarOp<T>(BinaryKind kind, T x, T z) where T : unmanaged, IFloatingPointIeee754<T> => kind switch
    {
        BinaryKind.Add => x + z,
        BinaryKind.Subtract => x - z,
        BinaryKind.Multiply => x * z,
        BinaryKind.Divide => x / z,
        BinaryKind.Maximum => x >= z ? x : z,
        _ => x <= z ? x : z,
    };

    private static void Apply<T>(BinaryKind kind, ReadOnlySpan<T> x, ReadOnlySpan<T> z, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (kind)
        {
            case BinaryKind.Add: TensorPrimitives.Add(x, z, y); break;
            case BinaryKind.Subtract: TensorPrimitives.Subtract(x, z, y); break;
            case BinaryKind.Multiply: TensorPrimitives.Multiply(x, z, y); break;
            case BinaryKind.Divide: TensorPrimitives.Divide(x, z, y); break;
            default: for (int i = 0; i < y.Length; i++) y[i] = ScalarOp(kind, x[i], z[i]); break;
        }
    }

    private static void ApplyScalarRight<T>(BinaryKind kind, ReadOnlySpan<T> x, T z, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (kind)
        {
            case BinaryKind.Add: TensorPrimitives.Add(x, z, y); break;
            case BinaryKind.Subtract: TensorPrimitives.Subtract(x, z, y); break;
            case BinaryKind.Multiply: TensorPrimitives.Multiply(x, z, y); break;
            case BinaryKind.Divide: TensorPrimitives.Divide(x, z, y); break;
            default: for (int i = 0; i < y.Length; i++) y[i] = ScalarOp(kind, x[i], z); break;
        }
    }

    private static void ApplyScalarLeft<T>(BinaryKind kind, T x, ReadOnlySpan<T> z, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (kind)
        {
            case BinaryKind.Add: TensorPrimitives.Add(z, x, y); break;
            case BinaryKind.Subtract: TensorPrimitives.Subtract(x, z, y); break;
            case BinaryKind.Multiply: TensorPrimitives.Multiply(z, x, y); break;
            case BinaryKind.Divide: TensorPrimitives.Divide(x, z, y); break;
            default: for (int i = 0; i < y.Length; i++) y[i] = ScalarOp(kind, x, z[i]); break;
        }
    }

    private static void BinaryBackward<T>(Tensor a, Tensor b, Tensor dy, BinaryKind kind)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var shape = dy.Shape;
        var g = dy.AsSpan<T>();
        bool sameA = a.Shape.Equals(shape), sameB = b.Shape.Equals(shape);
        // the partial derivative as a full-shape tensor, then summed down to the operand's shape
        if (a.RequiresGrad)
        {
            var da = a.GradBuffer().AsSpan<T>();
            switch (kind)
            {
                case BinaryKind.Add:
                case BinaryKind.Subtract:
                    Broadcasting.SumInto(g, shape, da, a.Shape);
                    break;
                default:
                    var pa = PartialA<T>(a, b, dy, kind);
                    if (sameA) TensorPrimitives.Add(da, pa, da); else Broadcasting.SumInto<T>(pa, shape, da, a.Shape);
                    break;
            }
        }
        if (b.RequiresGrad)
        {
            var db = b.GradBuffer().AsSpan<T>();
            switch (kind)
            {
                case BinaryKind.Add:
                    Broadcasting.SumInto(g, shape, db, b.Shape);
                    break;
                case BinaryKind.Subtract:
                    var neg = new T[g.Length];
                    TensorPrimitives.Negate(g, neg);
                    Broadcasting.SumInto<T>(neg, shape, db, b.Shape);
                    break;
                default:
                    var pb = PartialB<T>(a, b, dy, kind);
                    if (sameB) TensorPrimitives.Add(db, pb, db); else Broadcasting.SumInto<T>(pb, shape, db, b.Shape);
                    break;
            }
        }
    }

    /// <summary>dy ⊙ ∂(a∘b)/∂a over the broadcast shape.</summary>
    private static T[] PartialA<T>(Tensor a, Tensor b, Tensor dy, BinaryKind kind) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = new T[dy.Size];
        var g = dy.AsSpan<T>();
        var bb = Expand<T>(b, dy.Shape);
        switch (kind)
        {
            case BinaryKind.Multiply: TensorPrimitives.Multiply(g, bb, y); break;   // d(ab)/da = b
            case BinaryKind.Divide: TensorPrimitives.Divide(g, bb, y); break;       // d(a/b)/da = 1/b
            default:
                var aa = Expand<T>(a, dy.Shape);
                for (int i = 0; i < y.Length; i++)
                    y[i] = (kind == BinaryKind.Maximum ? aa[i] >= bb[i] : aa[i] <= bb[i]) ? g[i] : T.Zero;
                break;
        }
        return y;
    }

    /// <summary>dy ⊙ ∂(a∘b)/∂b over the broadcast shape.</summary>
    private static T[] PartialB<T>(Tensor a, Tensor b, Tensor dy, BinaryKind kind) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = new T[dy.Size];
        var g = dy.AsSpan<T>();
        var aa = Expand<T>(a, dy.Shape);
        switch (kind)
        {
            case BinaryKind.Multiply: TensorPrimitives.Multiply(g, aa, y); break;   // d(ab)/db = a
            case BinaryKind.Divide:                                                   // d(a/b)/db = −a/b²
                var bb = Expand<T>(b, dy.Shape);
                for (int i = 0; i < y.Length; i++) y[i] = -g[i] * aa[i] / (bb[i] * bb[i]);
                break;
            default:
                var b2 = Expand<T>(b, dy.Shape);
                for (int i = 0; i < y.Length; i++)
                    y[i] = (kind == BinaryKind.Maximum ? aa[i] >= b2[i] : aa[i] <= b2[i]) ? T.Zero : g[i];
                break;
        }
        return y;
    }

    /// <summary>The values of <paramref name="t"/> broadcast to <paramref name="shape"/> (no copy when equal).</summary>
    private static ReadOnlySpan<T> Expand<T>(Tensor t, Shape shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (t.Shape.Equals(shape)) return t.AsSpan<T>();
        var y = new T[shape.Size];
        var src = t.AsSpan<T>();
        if (t.Size == 1) { y.AsSpan().Fill(src[0]); return y; }
        int n = Broadcasting.Last(shape);
        bool full = Broadcasting.Last(t.Shape) == n && t.Rank > 0;
        Span<int> scratch = stackalloc int[4 * Math.Max(shape.Rank, 1)];
        var w = new Broadcasting.RowWalker(shape, t.Shape, t.Shape, scratch);
        for (int r = 0; r < w.Rows; r++, w.Next())
        {
            if (full) src.Slice(w.A, n).CopyTo(y.AsSpan(r * n, n));
            else y.AsSpan(r * n, n).Fill(src[w.A]);
        }
        return y;
    }

    /// <summary>a + s for a constant s.</summary>
    public static Tensor AddScalar(Tensor a, double s)
    {
        var y = Tensor.Empty(a.Shape, a.DType);
        if (IsF32(a)) TensorPrimitives.Add(a.AsSpan<float>(), (float)s, y.AsSpan<float>());
        else TensorPrimitives.Add(a.AsSpan<double>(), s, y.AsSpan<double>());
        return Autograd.Record(y, "AddScalar", [a], dy => AccumulateInto(a.GradBuffer(), dy));
    }

    /// <summary>a · s for a constant s.</summary>
    public static Tensor MultiplyScalar(Tensor a, double s)
    {
        var y = Tensor.Empty(a.Shape, a.DType);
        Scale(a, s, y);
        return Autograd.Record(y, "MultiplyScalar", [a], dy =>
        {
            var g = a.GradBuffer();
            if (IsF32(a)) TensorPrimitives.MultiplyAdd(dy.AsSpan<float>(), (float)s, g.AsSpan<float>(), g.AsSpan<float>());
            else TensorPrimitives.MultiplyAdd(dy.AsSpan<double>(), s, g.AsSpan<double>(), g.AsSpan<double>());
        });
    }

    private static void Scale(Tensor a, double s, Tensor y)
    {
        if (IsF32(a)) TensorPrimitives.Multiply(a.AsSpan<float>(), (float)s, y.AsSpan<float>());
        else TensorPrimitives.Multiply(a.AsSpan<double>(), s, y.AsSpan<double>());
    }

    /// <summary>−a.</summary>
    public static Tensor Negate(Tensor a) => MultiplyScalar(a, -1.0);
}
