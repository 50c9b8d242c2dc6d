using System.Numerics;
using System.Numerics.Tensors;
using Convergent.Kernels;

namespace Convergent.Tensors;

public static partial class Ops
{
    private enum BinaryKind { Add, Subtract, Multiply, Divide, Maximum, Minimum }

    // the op names of the tape, by kind (Enum.ToString allocates a string per call, twice per op)
    private static readonly string[] BinaryNames = Enum.GetNames<BinaryKind>();

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
        string name = BinaryNames[(int)kind];
        RequireSameType(a, b, name);
        var shape = Shape.Broadcast(a.Shape, b.Shape);
        var y = Tensor.Scratch(shape, a.DType);
        if (IsF32(a)) BinaryForward<float>(a, b, y, kind); else BinaryForward<double>(a, b, y, kind);
        return Autograd.Record(y, name, [a, b], dy =>
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
        if (kind == BinaryKind.Add && a.Shape.Equals(y.Shape) && Broadcasting.IsRowVector(b.Shape, n)) { BiasAdd.Forward(av, bv, yv); return; }
        if (kind == BinaryKind.Add && b.Shape.Equals(y.Shape) && Broadcasting.IsRowVector(a.Shape, n)) { BiasAdd.Forward(bv, av, yv); return; }
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
            case BinaryKind.Add: Arithmetic.Add(x, z, y); break;
            case BinaryKind.Subtract: Arithmetic.Subtract(x, z, y); break;
            case BinaryKind.Multiply: Arithmetic.Multiply(x, z, y); break;
            case BinaryKind.Divide: Arithmetic.Divide(x, z, y); break;
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
        bool dyTaken = false;
        // the partial derivative as a full-shape tensor, then summed down to the operand's shape
        if (a.RequiresGrad)
        {
            switch (kind)
            {
                case BinaryKind.Add:
                case BinaryKind.Subtract:
                    if (a.Shape.Equals(shape)) dyTaken = AddGrad(a, dy, mayTake: true);
                    else Broadcasting.SumInto(g, shape, a.GradBuffer().AsSpan<T>(), a.Shape);
                    break;
                default:
                    GradFromPartial<T>(a, PartialA<T>(a, b, dy, kind));
                    break;
            }
        }
        if (b.RequiresGrad)
        {
            switch (kind)
            {
                case BinaryKind.Add:
                    if (b.Shape.Equals(shape)) AddGrad(b, dy, mayTake: !dyTaken);
                    else Broadcasting.SumInto(g, shape, b.GradBuffer().AsSpan<T>(), b.Shape);
                    break;
                case BinaryKind.Subtract:
                    var neg = Tensor.Scratch(shape, dy.DType);
                    TensorPrimitives.Negate(g, neg.AsSpan<T>());
                    GradFromPartial<T>(b, neg);
                    break;
                default:
                    GradFromPartial<T>(b, PartialB<T>(a, b, dy, kind));
                    break;
            }
        }
    }

    /// <summary>Adds a full-shape partial gradient (a buffer the rule made) to an operand's gradient, summing it down
    /// to the operand's shape when the operand was broadcast.</summary>
    private static void GradFromPartial<T>(Tensor operand, Tensor partial) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (operand.Shape.Equals(partial.Shape)) { AddFreshGrad(operand, partial); return; }
        Broadcasting.SumInto<T>(partial.AsSpan<T>(), partial.Shape, operand.GradBuffer().AsSpan<T>(), operand.Shape);
        TensorArena.Return(partial.Storage);
    }

    /// <summary>dy ⊙ ∂(a∘b)/∂a over the broadcast shape.</summary>
    private static Tensor PartialA<T>(Tensor a, Tensor b, Tensor dy, BinaryKind kind) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = Tensor.Scratch(dy.Shape, dy.DType);
        var y = result.AsSpan<T>();
        var g = dy.AsSpan<T>();
        var bb = Expand<T>(b, dy.Shape, out var bTemp);
        switch (kind)
        {
            case BinaryKind.Multiply: Arithmetic.Multiply(g, bb, y); break;   // d(ab)/da = b
            case BinaryKind.Divide: Arithmetic.Divide(g, bb, y); break;       // d(a/b)/da = 1/b
            default:
                var aa = Expand<T>(a, dy.Shape, out var aTemp);
                for (int i = 0; i < y.Length; i++)
                    y[i] = (kind == BinaryKind.Maximum ? aa[i] >= bb[i] : aa[i] <= bb[i]) ? g[i] : T.Zero;
                Release(aTemp);
                break;
        }
        Release(bTemp);
        return result;
    }

    /// <summary>dy ⊙ ∂(a∘b)/∂b over the broadcast shape.</summary>
    private static Tensor PartialB<T>(Tensor a, Tensor b, Tensor dy, BinaryKind kind) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = Tensor.Scratch(dy.Shape, dy.DType);
        var y = result.AsSpan<T>();
        var g = dy.AsSpan<T>();
        var aa = Expand<T>(a, dy.Shape, out var aTemp);
        switch (kind)
        {
            case BinaryKind.Multiply: Arithmetic.Multiply(g, aa, y); break;   // d(ab)/db = a
            case BinaryKind.Divide:                                                   // d(a/b)/db = −a/b²
                var bb = Expand<T>(b, dy.Shape, out var bTemp);
                for (int i = 0; i < y.Length; i++) y[i] = -g[i] * aa[i] / (bb[i] * bb[i]);
                Release(bTemp);
                break;
            default:
                var b2 = Expand<T>(b, dy.Shape, out var b2Temp);
                for (int i = 0; i < y.Length; i++)
                    y[i] = (kind == BinaryKind.Maximum ? aa[i] >= b2[i] : aa[i] <= b2[i]) ? T.Zero : g[i];
                Release(b2Temp);
                break;
        }
        Release(aTemp);
        return result;
    }

    private static void Release(Tensor? temp)
    {
        if (temp is not null) TensorArena.Return(temp.Storage);
    }

    /// <summary>The values of <paramref name="t"/> broadcast to <paramref name="shape"/>: its own storage when the
    /// shapes are equal, else a temporary copy (<paramref name="temp"/>, to be released by the caller).</summary>
    private static ReadOnlySpan<T> Expand<T>(Tensor t, Shape shape, out Tensor? temp) where T : unmanaged, IFloatingPointIeee754<T>
    {
        temp = null;
        if (t.Shape.Equals(shape)) return t.AsSpan<T>();
        temp = Tensor.Scratch(shape, t.DType);
        var y = temp.AsSpan<T>();
        var src = t.AsSpan<T>();
        if (t.Size == 1) { y.Fill(src[0]); return y; }
        int n = Broadcasting.Last(shape);
        bool full = Broadcasting.Last(t.Shape) == n && t.Rank > 0;
        Span<int> scratch = stackalloc int[4 * Math.Max(shape.Rank, 1)];
        var w = new Broadcasting.RowWalker(shape, t.Shape, t.Shape, scratch);
        for (int r = 0; r < w.Rows; r++, w.Next())
        {
            if (full) src.Slice(w.A, n).CopyTo(y.Slice(r * n, n));
            else y.Slice(r * n, n).Fill(src[w.A]);
        }
        return y;
    }

    /// <summary>a + s for a constant s.</summary>
    public static Tensor AddScalar(Tensor a, double s)
    {
        var y = Tensor.Scratch(a.Shape, a.DType);
        if (IsF32(a)) TensorPrimitives.Add(a.AsSpan<float>(), (float)s, y.AsSpan<float>());
        else TensorPrimitives.Add(a.AsSpan<double>(), s, y.AsSpan<double>());
        return Autograd.Record(y, "AddScalar", [a], dy => AddGrad(a, dy, mayTake: true));
    }

    /// <summary>a · s for a constant s.</summary>
    public static Tensor MultiplyScalar(Tensor a, double s)
    {
        var y = Tensor.Scratch(a.Shape, a.DType);
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
