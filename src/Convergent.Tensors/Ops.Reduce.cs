using System.Numerics;
using System.Numerics.Tensors;

namespace Convergent.Tensors;

public static partial class Ops
{
    /// <summary>Sum over <paramref name="axes"/> (all axes when empty). With <paramref name="keepDims"/> the reduced
    /// axes stay as size 1 (numpy/Keras <c>keepdims</c>).</summary>
    public static Tensor Sum(Tensor a, int[]? axes = null, bool keepDims = false)
    {
        var kept = ReducedShape(a.Shape, axes, out var final, keepDims);
        var y = Tensor.Scratch(kept, a.DType, zeroed: true);
        if (IsF32(a)) Broadcasting.SumInto(a.AsSpan<float>(), a.Shape, y.AsSpan<float>(), kept);
        else Broadcasting.SumInto(a.AsSpan<double>(), a.Shape, y.AsSpan<double>(), kept);
        var result = keepDims ? y : y.ViewAs(final);
        // the adjoint of a sum is a broadcast: every input element receives the gradient of its sum
        return Autograd.Record(result, "Sum", [a], dy => AddBroadcast(a.GradBuffer(), dy.ViewAs(kept)));
    }

    /// <summary>Mean over <paramref name="axes"/> (all axes when empty).</summary>
    public static Tensor Mean(Tensor a, int[]? axes = null, bool keepDims = false)
    {
        var kept = ReducedShape(a.Shape, axes, out _, keepDims);
        int count = kept.Size == 0 ? 1 : a.Size / Math.Max(kept.Size, 1);
        return MultiplyScalar(Sum(a, axes, keepDims), 1.0 / Math.Max(count, 1));
    }

    /// <summary>The (keep-dims) shape after reducing <paramref name="axes"/>, and the final shape.</summary>
    private static Shape ReducedShape(Shape s, int[]? axes, out Shape final, bool keepDims)
    {
        var dims = s.ToArray();
        var reduce = new bool[s.Rank];
        if (axes is null || axes.Length == 0) Array.Fill(reduce, true);
        else foreach (var ax in axes) reduce[s.NormalizeAxis(ax)] = true;
        var finalDims = new List<int>();
        for (int i = 0; i < dims.Length; i++)
        {
            if (reduce[i]) dims[i] = 1; else finalDims.Add(dims[i]);
        }
        var kept = new Shape(dims);
        final = keepDims ? kept : new Shape(finalDims.ToArray());
        return kept;
    }

    /// <summary>target += broadcast(source) where source's shape broadcasts to target's.</summary>
    internal static void AddBroadcast(Tensor target, Tensor source)
    {
        if (IsF32(target)) AddBroadcast<float>(target, source); else AddBroadcast<double>(target, source);
    }

    private static void AddBroadcast<T>(Tensor target, Tensor source) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = target.AsSpan<T>();
        var s = source.AsSpan<T>();
        if (source.Shape.Equals(target.Shape)) { TensorPrimitives.Add(t, s, t); return; }
        if (source.Size == 1) { TensorPrimitives.Add(t, s[0], t); return; }
        int n = Broadcasting.Last(target.Shape);
        bool full = Broadcasting.Last(source.Shape) == n && source.Rank > 0;
        Span<int> scratch = stackalloc int[4 * Math.Max(target.Rank, 1)];
        var w = new Broadcasting.RowWalker(target.Shape, source.Shape, source.Shape, scratch);
        for (int r = 0; r < w.Rows; r++, w.Next())
        {
            var row = t.Slice(r * n, n);
            if (full) TensorPrimitives.Add(row, s.Slice(w.A, n), row);
            else TensorPrimitives.Add(row, s[w.A], row);
        }
    }

    /// <summary>Maximum over one axis; the gradient goes to the first maximal element (ties broken by position).</summary>
    public static Tensor Max(Tensor a, int axis, bool keepDims = false)
    {
        axis = a.Shape.NormalizeAxis(axis);
        int outer = a.Shape.Product(0, axis), n = a.Shape[axis], inner = a.Shape.Product(axis + 1, a.Rank);
        var keptDims = a.Shape.ToArray(); keptDims[axis] = 1;
        var kept = new Shape(keptDims);
        var y = Tensor.Scratch(kept, a.DType);
        var argmax = new int[outer * inner];
        if (IsF32(a)) MaxForward<float>(a, y, argmax, outer, n, inner); else MaxForward<double>(a, y, argmax, outer, n, inner);
        var result = keepDims ? y : y.ViewAs(new Shape(a.Shape.AsSpan().ToArray().Where((_, i) => i != axis).ToArray()));
        return Autograd.Record(result, "Max", [a], dy =>
        {
            var g = a.GradBuffer();
            for (int o = 0; o < outer; o++)
                for (int i = 0; i < inner; i++)
                {
                    int k = o * inner + i;
                    g[(o * n + argmax[k]) * inner + i] += dy[k];
                }
        });
    }

    private static void MaxForward<T>(Tensor a, Tensor y, int[] argmax, int outer, int n, int inner) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = a.AsSpan<T>(); var yv = y.AsSpan<T>();
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                int best = 0; T m = x[o * n * inner + i];
                for (int j = 1; j < n; j++)
                {
                    T v = x[(o * n + j) * inner + i];
                    if (v > m || T.IsNaN(v)) { m = v; best = j; if (T.IsNaN(v)) break; }
                }
                yv[o * inner + i] = m;
                argmax[o * inner + i] = best;
            }
    }
}
