using Convergent.Tensors;

namespace Convergent.Data;

/// <summary>Row (first-axis) slicing and gathering of tensors, shared by the splits.</summary>
internal static class Rows
{
    public static int Count(Tensor t) =>
        t.Rank == 0 ? throw new ArgumentException("A data tensor needs a first (sample) axis; received a scalar.") : t.Shape[0];

    public static Tensor Slice(Tensor t, int start, int count) => Gather(t, Enumerable.Range(start, count).ToArray());

    public static Tensor Gather(Tensor t, int[] rows)
    {
        int[] shape = t.Shape.ToArray();
        int n = shape[0];
        int rowSize = n == 0 ? 0 : t.Size / n;
        shape[0] = rows.Length;
        if (t.DType == DType.Float32)
        {
            var src = t.Float32Data;
            var dst = new float[rows.Length * rowSize];
            for (int i = 0; i < rows.Length; i++) Array.Copy(src, (long)rows[i] * rowSize, dst, (long)i * rowSize, rowSize);
            return Tensor.FromArray(dst, shape);
        }
        var s64 = t.Float64Data;
        var d64 = new double[rows.Length * rowSize];
        for (int i = 0; i < rows.Length; i++) Array.Copy(s64, (long)rows[i] * rowSize, d64, (long)i * rowSize, rowSize);
        return Tensor.FromArray(d64, shape);
    }
}
