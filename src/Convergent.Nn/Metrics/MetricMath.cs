using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>Row helpers shared by the metrics; everything is read in double.</summary>
internal static class MetricMath
{
    /// <summary>Values per sample for an elementwise comparison: the last axis of a rank ≥ 2 prediction, else 1.</summary>
    public static int Width(Tensor yPred) => yPred.Rank >= 2 ? yPred.Shape[-1] : 1;

    /// <summary>Index of the largest value of row <paramref name="row"/>; ties go to the first index (numpy argmax).</summary>
    public static int ArgMax(double[] data, int row, int width)
    {
        int start = row * width, best = 0;
        double m = data[start];
        for (int j = 1; j < width; j++)
            if (data[start + j] > m) { m = data[start + j]; best = j; }
        return best;
    }

    /// <summary>TensorFlow's <c>in_top_k</c>: the target is in the top k when fewer than k classes score strictly
    /// higher (classes tied at the boundary all count as in); a non-finite target score is never in.</summary>
    public static bool InTopK(double[] pred, int row, int width, int target, int k)
    {
        double t = pred[row * width + target];
        if (!double.IsFinite(t)) return false;
        int higher = 0;
        for (int j = 0; j < width; j++) if (pred[row * width + j] > t) higher++;
        return higher < k;
    }

    /// <summary>Sparse labels, one per prediction row: shape (N,) or (N, 1) (generally y_pred's shape without its
    /// last axis, with or without a trailing 1). Kept as stored: Keras compares them with the argmax exactly.</summary>
    public static double[] SparseLabels(Tensor yTrue, Tensor yPred, string metric)
    {
        int rows = yPred.Size / Math.Max(Width(yPred), 1);
        if (yTrue.Size != rows)
            throw new ArgumentException($"Metric '{metric}': {yTrue.Size} labels (shape {yTrue.Shape}) for {rows} predictions (shape {yPred.Shape}).");
        return yTrue.ToDoubleArray();
    }

    /// <summary>Throws unless the two tensors hold the same number of values.</summary>
    public static void RequireSameSize(Tensor yTrue, Tensor yPred, string metric)
    {
        if (yTrue.Size != yPred.Size)
            throw new ArgumentException($"Metric '{metric}': y_true shape {yTrue.Shape} and y_pred shape {yPred.Shape} do not match.");
    }

    /// <summary>Per row (last axis of y_pred): mean of f(ŷ − y).</summary>
    public static double[] RowMeans(Tensor yTrue, Tensor yPred, string metric, Func<double, double> f)
    {
        RequireSameSize(yTrue, yPred, metric);
        int width = Width(yPred), rows = yPred.Size / width;
        var t = yTrue.ToDoubleArray(); var p = yPred.ToDoubleArray();
        var v = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            double s = 0;
            for (int j = 0; j < width; j++) s += f(p[i * width + j] - t[i * width + j]);
            v[i] = s / width;
        }
        return v;
    }
}
