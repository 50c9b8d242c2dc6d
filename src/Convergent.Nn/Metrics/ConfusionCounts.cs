using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Weighted true/false positive/negative counts at a sorted list of thresholds, as Keras's
/// <c>update_confusion_matrix_variables</c>: a prediction p is positive at threshold t when p &gt; t, a label is
/// positive when non-zero. Thresholds are compared as float32, as Keras's metric variables hold them.
/// </summary>
internal sealed class ConfusionCounts
{
    private readonly double[] _thresholds;

    public ConfusionCounts(IReadOnlyList<double> thresholds)
    {
        _thresholds = thresholds.Select(t => (double)(float)t).ToArray();
        for (int i = 1; i < _thresholds.Length; i++)
            if (_thresholds[i] < _thresholds[i - 1]) throw new ArgumentException("Thresholds must be sorted.");
        int n = _thresholds.Length;
        TruePositives = new double[n]; FalsePositives = new double[n];
        TrueNegatives = new double[n]; FalseNegatives = new double[n];
    }

    public int Count => _thresholds.Length;
    public double[] TruePositives { get; }
    public double[] FalsePositives { get; }
    public double[] TrueNegatives { get; }
    public double[] FalseNegatives { get; }

    /// <summary>Adds a batch. With <paramref name="classId"/> only that column counts; with <paramref name="topK"/>
    /// only each row's k highest predictions can be positive (ties: lower index first, as <c>top_k</c>).</summary>
    public void Add(Tensor yTrue, Tensor yPred, Tensor? sampleWeight, int? classId, int? topK, bool fromLogits, string metric)
    {
        MetricMath.RequireSameSize(yTrue, yPred, metric);
        int width = MetricMath.Width(yPred), rows = yPred.Size / width;
        if (classId is int c && (c < 0 || c >= width))
            throw new ArgumentException($"Metric '{metric}': class_id={c} is outside the {width} classes of y_pred (shape {yPred.Shape}).");
        if (sampleWeight is not null && sampleWeight.Size != rows)
            throw new ArgumentException($"Metric '{metric}': {sampleWeight.Size} sample weights for {rows} samples.");
        var t = yTrue.ToDoubleArray(); var p = yPred.ToDoubleArray();
        if (fromLogits) for (int i = 0; i < p.Length; i++) p[i] = 1 / (1 + Math.Exp(-p[i]));
        if (topK is int k) KeepTopK(p, rows, width, k);
        int n = _thresholds.Length;
        var positives = new double[n + 1]; var negatives = new double[n + 1];
        for (int r = 0; r < rows; r++)
        {
            double w = sampleWeight is null ? 1 : sampleWeight[r];
            int from = classId ?? 0, to = classId is int cc ? cc + 1 : width;
            for (int j = from; j < to; j++)
            {
                int i = r * width + j;
                int above = CountBelow(p[i]);
                if (t[i] != 0) positives[above] += w; else negatives[above] += w;
            }
        }
        // bucket b holds predictions positive at thresholds 0…b−1: positive at threshold j ⇔ b > j
        double posAbove = 0, negAbove = 0, posTotal = positives.Sum(), negTotal = negatives.Sum();
        for (int j = n - 1; j >= 0; j--)
        {
            posAbove += positives[j + 1]; negAbove += negatives[j + 1];
            TruePositives[j] += posAbove; FalseNegatives[j] += posTotal - posAbove;
            FalsePositives[j] += negAbove; TrueNegatives[j] += negTotal - negAbove;
        }
    }

    /// <summary>Number of thresholds strictly below <paramref name="p"/> (NaN: none).</summary>
    private int CountBelow(double p)
    {
        int lo = 0, hi = _thresholds.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (p > _thresholds[mid]) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static void KeepTopK(double[] p, int rows, int width, int k)
    {
        var idx = new int[width];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < width; j++) idx[j] = j;
            var row = p.AsSpan(r * width, width);
            var copy = row.ToArray();
            Array.Sort(idx, (a, b) =>
            {
                int byValue = copy[b].CompareTo(copy[a]);
                return byValue != 0 ? byValue : a.CompareTo(b);
            });
            for (int j = k; j < width; j++) row[idx[j]] = double.NegativeInfinity;
        }
    }

    public void Reset()
    {
        Array.Clear(TruePositives); Array.Clear(FalsePositives);
        Array.Clear(TrueNegatives); Array.Clear(FalseNegatives);
    }

    /// <summary>a / b, or 0 when b is 0 (Keras <c>divide_no_nan</c>).</summary>
    public static double DivideNoNan(double a, double b) => b == 0 ? 0 : a / b;
}
