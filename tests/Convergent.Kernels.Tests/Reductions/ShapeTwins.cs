namespace Convergent.Kernels.Tests.Reductions;

/// <summary>Index-by-index reference reductions and broadcasts in double: every element visited through its
/// multi-index, nothing merged or vectorized.</summary>
internal static class ShapeTwins
{
    public static int Count(int[] shape) => shape.Aggregate(1, (a, b) => a * b);

    public static int[] Unravel(int flat, int[] shape)
    {
        var index = new int[shape.Length];
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            index[i] = flat % shape[i];
            flat /= shape[i];
        }
        return index;
    }

    public static int Ravel(int[] index, int[] shape)
    {
        int flat = 0;
        for (int i = 0; i < shape.Length; i++)
            flat = flat * shape[i] + index[i];
        return flat;
    }

    public static int[] KeepDims(int[] shape, bool[] reduced) => shape.Select((s, i) => reduced[i] ? 1 : s).ToArray();

    /// <summary>(sum, Σ|x|) per output: the sum and the scale its rounding is relative to.</summary>
    public static (double[] Sum, double[] Scale) Sum(double[] x, int[] shape, bool[] reduced)
    {
        var sum = new double[Count(KeepDims(shape, reduced))];
        var scale = new double[sum.Length];
        int[] target = OutputIndices(shape, reduced);
        for (int flat = 0; flat < x.Length; flat++)
        {
            sum[target[flat]] += x[flat];
            scale[target[flat]] += Math.Abs(x[flat]);
        }
        return (sum, scale);
    }

    public static double[] Max(double[] x, int[] shape, bool[] reduced)
    {
        double[] max = Enumerable.Repeat(double.NegativeInfinity, Count(KeepDims(shape, reduced))).ToArray();
        int[] target = OutputIndices(shape, reduced);
        for (int flat = 0; flat < x.Length; flat++)
            max[target[flat]] = Math.Max(max[target[flat]], x[flat]);
        return max;
    }

    /// <summary>For every input element, the keepdims output element it reduces into (reduced axes indexed 0).</summary>
    private static int[] OutputIndices(int[] shape, bool[] reduced)
    {
        int[] yShape = KeepDims(shape, reduced);
        var target = new int[Count(shape)];
        for (int flat = 0; flat < target.Length; flat++)
        {
            int[] index = Unravel(flat, shape);
            for (int i = 0; i < index.Length; i++)
                if (reduced[i])
                    index[i] = 0;
            target[flat] = Ravel(index, yShape);
        }
        return target;
    }

    /// <summary>y[i] = x[i with each broadcast axis set to 0], xShape right-aligned against yShape.</summary>
    public static double[] BroadcastTo(double[] x, int[] xShape, int[] yShape)
    {
        int offset = yShape.Length - xShape.Length;
        var y = new double[Count(yShape)];
        for (int flat = 0; flat < y.Length; flat++)
        {
            int[] index = Unravel(flat, yShape);
            var xIndex = new int[xShape.Length];
            for (int i = 0; i < xShape.Length; i++)
                xIndex[i] = xShape[i] == 1 ? 0 : index[i + offset];
            y[flat] = x[Ravel(xIndex, xShape)];
        }
        return y;
    }
}
