using Convergent.Nn;

namespace Convergent.Diagnostics;

/// <summary>
/// Keeps the pictures the per-step series cannot give, into <see cref="RunRecord.Snapshots"/>: the kernels of every
/// Conv2D layer at initialization and at a few epochs (<see cref="FilterEpochs"/>), and at the end of training the
/// confusion matrix from one inference pass over the validation data (the training data when there is none) and, for
/// 2-D inputs, the predicted class over a grid covering the data (user story 5's decision-boundary plot). A callback
/// like any other: it decides nothing, and its cost is bounded by <see cref="SnapshotOptions"/>.
/// <code>
/// var recorder = new SnapshotRecorder(record, x, y, fit);
/// model.Fit(x, y, epochs: fit.Epochs, validationSplit: fit.ValidationSplit, callbacks: [recorder]);
/// var cm = record.Snapshots.Confusion;   // cm[truth, predicted]
/// </code>
/// </summary>
public sealed class SnapshotRecorder : Callback
{
    private readonly RunRecord _record;
    private readonly Tensor _x, _y;
    private readonly FitSettings _fit;
    private readonly HashSet<int> _filterEpochs;
    private int _lastFilterEpoch = -1;

    /// <summary>Records into <paramref name="record"/> for a run on (<paramref name="x"/>, <paramref name="y"/>) trained as
    /// <paramref name="fit"/> says (its validation data or split picks the confusion matrix's samples).</summary>
    public SnapshotRecorder(RunRecord record, Tensor x, Tensor y, FitSettings fit, SnapshotOptions? options = null)
    {
        _record = record ?? throw new ArgumentNullException(nameof(record));
        _x = x ?? throw new ArgumentNullException(nameof(x));
        _y = y ?? throw new ArgumentNullException(nameof(y));
        _fit = fit ?? throw new ArgumentNullException(nameof(fit));
        Options = options ?? new SnapshotOptions();
        Options.Validate();
        _filterEpochs = [.. FilterEpochs(fit.Epochs, Options.FilterSnapshots)];
    }

    /// <summary>The bounds.</summary>
    public SnapshotOptions Options { get; }

    /// <summary>
    /// The epochs after which filters are kept: 0 (initialization) and <paramref name="count"/> − 1 more spread evenly up to
    /// <paramref name="plannedEpochs"/>, which is always included — round(i·E/(count − 1)) for i = 1…count − 1, without
    /// repeats (10 epochs, 5 snapshots: 0, 3, 5, 8, 10).
    /// </summary>
    public static IReadOnlyList<int> FilterEpochs(int plannedEpochs, int count)
    {
        var epochs = new SortedSet<int> { 0 };
        for (int i = 1; i < count && plannedEpochs > 0; i++)
            epochs.Add(Math.Max(1, (int)Math.Round((double)i * plannedEpochs / (count - 1), MidpointRounding.AwayFromZero)));
        return [.. epochs];
    }

    public override void OnTrainBegin()
    {
        if (Options.Enabled && Model is not null) TakeFilters(Model, epoch: 0);
    }

    public override void OnEpochEnd(int epoch, Convergent.Nn.Logs logs)
    {
        if (Options.Enabled && Model is not null && _filterEpochs.Contains(epoch + 1)) TakeFilters(Model, epoch + 1);
    }

    public override void OnTrainEnd(Convergent.Nn.Logs logs)
    {
        if (!Options.Enabled || Model is null) return;
        int last = _record.Epochs.Count > 0 ? _record.Epochs.Numbers[^1] : 0;
        if (last > _lastFilterEpoch) TakeFilters(Model, last);   // stopped early (NaN, time budget): keep where it ended
        if (!IsClassification) return;
        _record.Snapshots.Confusion = Confusion(Model, last);
        if (_x.Rank == 2 && _x.Shape[1] == 2) _record.Snapshots.Boundary = Boundary(Model, last);
    }

    private bool IsClassification => _record.Classes >= 2 && RunRecord.IsClassificationLoss(_record.Training.Loss);

    // ------------------------------------------------------------------ filters

    private void TakeFilters(Model model, int epoch)
    {
        long step = model.Optimizer?.Iterations ?? 0;
        foreach (var layer in model.Layers)
            if (layer is Conv2D { Kernel: { } kernel }) _record.Snapshots.Filters.Add(Filters(layer.Name, kernel.Value, epoch, step));
        _lastFilterEpoch = epoch;
    }

    /// <summary>A kernel of Keras layout (kh, kw, in, filters) block-averaged to at most MaxFilterSide a side, its input
    /// channels kept as RGB when there are 3 and averaged otherwise.</summary>
    private FilterSnapshot Filters(string layer, Tensor kernel, int epoch, long step)
    {
        int kh = kernel.Shape[0], kw = kernel.Shape[1], cin = kernel.Shape[2], cout = kernel.Shape[3];
        int filters = Math.Min(cout, Options.MaxFiltersPerLayer);
        int factor = (int)Math.Ceiling((double)Math.Max(kh, kw) / Options.MaxFilterSide);
        int h = (kh + factor - 1) / factor, w = (kw + factor - 1) / factor;
        int channels = cin == 3 ? 3 : 1;
        var sums = new double[filters * h * w * channels];
        var counts = new int[filters * h * w * channels];
        var data = kernel.ToDoubleArray();
        for (int r = 0; r < kh; r++)
            for (int c = 0; c < kw; c++)
                for (int i = 0; i < cin; i++)
                {
                    int src = ((r * kw + c) * cin + i) * cout;
                    int ch = channels == 3 ? i : 0;
                    for (int f = 0; f < filters; f++)
                    {
                        int dst = ((f * h + r / factor) * w + c / factor) * channels + ch;
                        sums[dst] += data[src + f];
                        counts[dst]++;
                    }
                }
        var values = new float[sums.Length];
        for (int k = 0; k < values.Length; k++) values[k] = (float)(sums[k] / counts[k]);
        return new FilterSnapshot(layer, epoch, step, filters, cout, h, w, channels, kh, kw, cin, values);
    }

    // ------------------------------------------------------------------ confusion matrix

    private (Tensor X, Tensor Y, bool Validation) EvaluationData()
    {
        if (_fit.ValidationData is { } vd) return (vd.X, vd.Y, true);
        if (_fit.ValidationSplit > 0)
        {
            int n = _x.Shape[0], at = Model.ValidationSplitIndex(n, _fit.ValidationSplit);
            if (at > 0 && at < n) return (_x.SliceRows(at, n), _y.SliceRows(at, n), true);
        }
        return (_x, _y, false);
    }

    private ConfusionMatrix Confusion(Model model, int epoch)
    {
        var (x, y, onValidation) = EvaluationData();
        var rows = EvenSample(x.Shape[0], Options.MaxConfusionSamples);
        if (rows.Length < x.Shape[0]) { x = x.TakeRows(rows); y = y.TakeRows(rows); }
        int classes = _record.Classes;
        var counts = new long[classes * classes];
        long unpredictable = 0;
        var labels = Labels(y);
        var (predicted, _) = Predictions(model, x);
        for (int i = 0; i < labels.Length; i++)
        {
            if (predicted[i] < 0) { unpredictable++; continue; }
            // labels outside the class range (a LABEL_ENCODING_MISMATCH) have no row to go in
            if (labels[i] < 0 || labels[i] >= classes || predicted[i] >= classes) continue;
            counts[labels[i] * classes + predicted[i]]++;
        }
        return new ConfusionMatrix(epoch, onValidation, classes, counts, unpredictable);
    }

    // ------------------------------------------------------------------ decision boundary

    private DecisionBoundary Boundary(Model model, int epoch)
    {
        // the split's tail rows are the validation points; given validation data is added after the training points
        int n = _x.Shape[0], trainRows = n;
        if (_fit.ValidationData is null && _fit.ValidationSplit > 0 && Model.ValidationSplitIndex(n, _fit.ValidationSplit) is int at && at > 0) trainRows = at;
        var points = new List<DataPoint>();
        var xs = _x.ToDoubleArray();
        var labels = Labels(_y);
        for (int i = 0; i < n; i++) points.Add(new(xs[2 * i], xs[2 * i + 1], labels[i], i >= trainRows));
        if (_fit.ValidationData is { } vd)
        {
            var vxs = vd.X.ToDoubleArray();
            var vLabels = Labels(vd.Y);
            for (int i = 0; i < vd.X.Shape[0]; i++) points.Add(new(vxs[2 * i], vxs[2 * i + 1], vLabels[i], true));
        }
        var (x0, x1) = Range(points.Select(p => p.X));
        var (y0, y1) = Range(points.Select(p => p.Y));

        int size = Options.GridSize;
        var grid = new double[size * size * 2];
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++)
            {
                grid[2 * (i * size + j)] = x0 + (x1 - x0) * (j + 0.5) / size;
                grid[2 * (i * size + j) + 1] = y0 + (y1 - y0) * (i + 0.5) / size;
            }
        var input = _x.DType == DType.Float32
            ? Tensor.FromArray(Array.ConvertAll(grid, v => (float)v), size * size, 2)
            : Tensor.FromArray(grid, size * size, 2);
        var (classes, confidence) = Predictions(model, input);
        var kept = EvenSample(points.Count, Options.MaxBoundaryPoints).Select(i => points[i]).ToList();
        return new DecisionBoundary(epoch, size, x0, x1, y0, y1, classes, confidence, kept);
    }

    /// <summary>The data's range with 5 % margin on each side (±1 around a single value), so no point sits on the edge.</summary>
    private static (double Lo, double Hi) Range(IEnumerable<double> values)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in values) if (double.IsFinite(v)) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
        if (lo > hi) return (-1, 1);
        double pad = hi > lo ? 0.05 * (hi - lo) : 1;
        return (lo - pad, hi + pad);
    }

    // ------------------------------------------------------------------ shared

    /// <summary>Class index per row: argmax of one-hot rows, the rounded value of a single column.</summary>
    private static int[] Labels(Tensor y)
    {
        int n = y.Shape[0], width = y.Rank == 1 ? 1 : y.Size / n;
        var v = y.ToDoubleArray();
        var labels = new int[n];
        for (int i = 0; i < n; i++)
            labels[i] = width == 1 ? (double.IsFinite(v[i]) ? (int)Math.Round(v[i]) : -1) : ArgMax(v, i * width, width);
        return labels;
    }

    /// <summary>Predicted class and its probability per row, in inference mode (<see cref="Model.Predict"/>): argmax of a
    /// softmax (of the logits when the loss takes logits); for one output unit p ≥ 0.5. Class −1 for a non-finite output.</summary>
    private static (int[] Classes, float[] Confidence) Predictions(Model model, Tensor x)
    {
        var output = model.Predict(x, batchSize: 1024);
        int n = x.Shape[0], width = output.Size / n;
        bool logits = model.Loss?.FromLogits ?? false;
        var v = output.ToDoubleArray();
        var classes = new int[n];
        var confidence = new float[n];
        for (int i = 0; i < n; i++)
        {
            var row = v.AsSpan(i * width, width);
            bool finite = true;
            foreach (var z in row) finite &= double.IsFinite(z);
            if (!finite) { classes[i] = -1; confidence[i] = float.NaN; continue; }
            if (width == 1)
            {
                double p = logits ? 1 / (1 + Math.Exp(-row[0])) : row[0];
                classes[i] = p >= 0.5 ? 1 : 0;
                confidence[i] = (float)Math.Max(p, 1 - p);
                continue;
            }
            int k = ArgMax(v, i * width, width);
            classes[i] = k;
            if (!logits) { confidence[i] = (float)row[k]; continue; }
            double s = 0;
            foreach (var z in row) s += Math.Exp(z - row[k]);
            confidence[i] = (float)(1 / s);
        }
        return (classes, confidence);
    }

    private static int ArgMax(double[] v, int start, int count)
    {
        int best = 0;
        for (int k = 1; k < count; k++) if (v[start + k] > v[start + best]) best = k;
        return count > 0 && double.IsFinite(v[start + best]) ? best : -1;
    }

    /// <summary>Every row when there are at most <paramref name="max"/>, else <paramref name="max"/> rows evenly spaced
    /// (sorted data keeps all its parts).</summary>
    private static int[] EvenSample(int n, int max)
    {
        if (n <= max) return [.. Enumerable.Range(0, n)];
        var rows = new int[max];
        for (int i = 0; i < max; i++) rows[i] = (int)((long)i * n / max);
        return rows;
    }
}
