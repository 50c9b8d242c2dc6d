using System.Numerics;
using System.Runtime.InteropServices;
using Convergent.Nn;

namespace Convergent.Diagnostics;

/// <summary>
/// What the doctor knows about the data: sizes, input shape, label encoding and classes, class shares of the
/// training and validation parts, input statistics (global and per feature/channel), non-finite values, and
/// rows shared between training and validation. Computed once, in one pass over each array.
/// </summary>
public sealed class DataFacts
{
    /// <summary>Samples used for training (after the validation split).</summary>
    public int TrainSamples { get; init; }

    /// <summary>Samples used for validation (0 when none).</summary>
    public int ValSamples { get; init; }

    /// <summary>Input shape without the batch axis.</summary>
    public int[] InputShape { get; init; } = [];

    /// <summary>How targets are written.</summary>
    public LabelEncoding Encoding { get; init; }

    /// <summary>Number of classes (0 for regression or unknown).</summary>
    public int Classes { get; init; }

    /// <summary>Width of a target row (1 for integer labels of shape (N,)).</summary>
    public int TargetWidth { get; init; } = 1;

    /// <summary>Smallest finite target value.</summary>
    public double LabelMin { get; init; }

    /// <summary>Largest finite target value.</summary>
    public double LabelMax { get; init; }

    /// <summary>Share of each class among training samples (empty for regression).</summary>
    public double[] ClassShares { get; init; } = [];

    /// <summary>Share of each class among validation samples, or null when there is no validation set.</summary>
    public double[]? ValClassShares { get; init; }

    /// <summary>Whether training labels come in blocks of one class (sorted by class, never shuffled).</summary>
    public bool LabelsSorted { get; init; }

    /// <summary>Training input statistics.</summary>
    public InputStats? Input { get; init; }

    /// <summary>Validation input statistics.</summary>
    public InputStats? ValInput { get; init; }

    /// <summary>NaN/±Inf values in the inputs (training and validation).</summary>
    public long NonFiniteInputs { get; init; }

    /// <summary>Index of the first sample (in the arrays as given) whose input has a NaN/±Inf.</summary>
    public long? FirstNonFiniteInput { get; init; }

    /// <summary>NaN/±Inf values in the targets.</summary>
    public long NonFiniteTargets { get; init; }

    /// <summary>Index of the first sample whose target has a NaN/±Inf.</summary>
    public long? FirstNonFiniteTarget { get; init; }

    /// <summary>Validation samples identical (input and target) to a training sample.</summary>
    public int TrainValDuplicates { get; init; }

    /// <summary>Whether validation is Keras's <c>validation_split</c>: the tail of the arrays, cut before shuffling.</summary>
    public bool ValidationIsTailSplit { get; init; }

    /// <summary>The <c>validation_split</c> fraction (0 when none).</summary>
    public double ValidationSplit { get; init; }

    /// <summary>Share of the majority class in training (the accuracy of always predicting it); 0 when unknown.</summary>
    public double MajorityShare => ClassShares.Length > 0 ? ClassShares.Max() : 0;

    /// <summary>
    /// Computes the facts of <paramref name="x"/>/<paramref name="y"/> as <see cref="Model.Fit"/> would split them:
    /// <paramref name="validationData"/> if given, else the last <paramref name="validationSplit"/> of the arrays.
    /// <paramref name="channelsFirst"/> picks the feature axis of images ((N, C, H, W) instead of (N, H, W, C)).
    /// </summary>
    public static DataFacts Compute(Tensor x, Tensor y, double validationSplit = 0, (Tensor X, Tensor Y)? validationData = null,
        bool channelsFirst = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Rank < 1 || y.Rank < 1 || x.Shape[0] != y.Shape[0])
            throw new ArgumentException($"x and y need the same number of samples on axis 0; got shapes {x.Shape} and {y.Shape}.");
        int n = x.Shape[0];
        int featureAxis = FeatureAxis(x.Rank, channelsFirst);

        Tensor trainX = x, trainY = y;
        int trainRows = n;
        Tensor? valX = null, valY = null;
        int valStart = 0, valRows = 0;
        bool tail = false;
        if (validationData is { } vd) { valX = vd.X; valY = vd.Y; valRows = vd.X.Shape[0]; }
        else if (validationSplit > 0 && validationSplit < 1)
        {
            trainRows = Model.ValidationSplitIndex(n, validationSplit);
            valX = x; valY = y; valStart = trainRows; valRows = n - trainRows; tail = true;
        }

        var trainLabels = AnalyzeLabels(trainY, 0, trainRows);
        var valLabels = valY is null ? null : AnalyzeLabels(valY, valStart, valRows, trainLabels.Encoding, trainLabels.Classes);
        var (trainStats, nfTrain, firstNfTrain) = Stats(trainX, 0, trainRows, featureAxis);
        InputStats? valStats = null; long nfVal = 0; long? firstNfVal = null;
        if (valX is not null) (valStats, nfVal, firstNfVal) = Stats(valX, valStart, valRows, featureAxis);

        int classes = trainLabels.Classes;
        if (valLabels is not null && valLabels.Classes > classes && trainLabels.Encoding is LabelEncoding.Integer or LabelEncoding.Binary)
            classes = valLabels.Classes;

        return new DataFacts
        {
            TrainSamples = trainRows,
            ValSamples = valRows,
            InputShape = x.Shape.ToArray()[1..],
            Encoding = trainLabels.Encoding,
            Classes = classes,
            TargetWidth = y.Rank == 1 ? 1 : y.Shape.Product(1, y.Rank),
            LabelMin = Math.Min(trainLabels.Min, valLabels?.Min ?? double.PositiveInfinity),
            LabelMax = Math.Max(trainLabels.Max, valLabels?.Max ?? double.NegativeInfinity),
            ClassShares = Shares(trainLabels.Counts, classes),
            ValClassShares = valLabels is null ? null : Shares(valLabels.Counts, classes),
            LabelsSorted = trainLabels.Sorted,
            Input = trainStats,
            ValInput = valStats,
            NonFiniteInputs = nfTrain + nfVal,
            FirstNonFiniteInput = firstNfTrain ?? (firstNfVal is long v ? v + (validationData is null ? 0 : n) : null),
            NonFiniteTargets = trainLabels.NonFinite + (valLabels?.NonFinite ?? 0),
            FirstNonFiniteTarget = trainLabels.FirstNonFinite ?? valLabels?.FirstNonFinite,
            TrainValDuplicates = valX is null ? 0 : CountDuplicates(trainX, trainY, 0, trainRows, valX, valY!, valStart, valRows),
            ValidationIsTailSplit = tail,
            ValidationSplit = tail ? validationSplit : 0,
        };
    }

    /// <summary>The axis whose entries are features: columns of a table, channels of an image, the last axis of a sequence.</summary>
    public static int FeatureAxis(int rank, bool channelsFirst) => rank switch
    {
        <= 1 => -1,
        2 or 3 => rank - 1,
        _ => channelsFirst ? 1 : rank - 1,
    };

    private static double[] Shares(long[] counts, int classes)
    {
        if (classes <= 0) return [];
        var shares = new double[classes];
        long total = counts.Sum();
        if (total == 0) return shares;
        for (int c = 0; c < Math.Min(classes, counts.Length); c++) shares[c] = (double)counts[c] / total;
        return shares;
    }

    private sealed record LabelInfo(LabelEncoding Encoding, int Classes, long[] Counts, double Min, double Max, long NonFinite, long? FirstNonFinite, bool Sorted);

    /// <summary>The most distinct integer values a target column may take and still count as class labels.</summary>
    private const int MaxIntegerClasses = 10_000;

    private static LabelInfo AnalyzeLabels(Tensor y, int start, int rows, LabelEncoding? forced = null, int forcedClasses = 0)
    {
        var data = y.ToDoubleArray();
        int width = y.Rank == 1 ? 1 : y.Shape.Product(1, y.Rank);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        long nonFinite = 0; long? firstNf = null;
        bool allIntegral = true, allZeroOne = true, rowsOneHot = true, rowsSumToOne = true, nonNegative = true;
        for (int r = start; r < start + rows; r++)
        {
            double rowSum = 0; int ones = 0;
            for (int k = 0; k < width; k++)
            {
                double v = data[r * width + k];
                if (!double.IsFinite(v)) { nonFinite++; firstNf ??= r; continue; }
                if (v < min) min = v;
                if (v > max) max = v;
                if (v != Math.Floor(v)) allIntegral = false;
                if (v != 0 && v != 1) allZeroOne = false;
                if (v < 0) nonNegative = false;
                if (v == 1) ones++;
                rowSum += v;
            }
            if (ones != 1) rowsOneHot = false;
            if (Math.Abs(rowSum - 1) > 1e-3) rowsSumToOne = false;
        }
        if (rows == 0 || double.IsInfinity(min)) { min = 0; max = 0; }

        LabelEncoding enc;
        int classes;
        if (forced is { } f && f != LabelEncoding.Unknown) { enc = f; classes = forcedClasses; }
        else if (width >= 2)
        {
            if (allZeroOne && rowsOneHot) enc = LabelEncoding.OneHot;
            else if (nonNegative && rowsSumToOne) enc = LabelEncoding.Probabilities;
            else if (allZeroOne) enc = LabelEncoding.Binary;   // multi-label 0/1 rows
            else enc = LabelEncoding.Continuous;
            classes = enc == LabelEncoding.Continuous ? 0 : width;
        }
        else if (allZeroOne) { enc = LabelEncoding.Binary; classes = 2; }
        else if (allIntegral && min >= 0 && max < MaxIntegerClasses) { enc = LabelEncoding.Integer; classes = (int)max + 1; }
        else if (allIntegral && min < 0 && max < MaxIntegerClasses && max - min < 1000) { enc = LabelEncoding.Integer; classes = (int)Math.Max(max, 0) + 1; }
        else { enc = LabelEncoding.Continuous; classes = 0; }

        var counts = new long[Math.Max(classes, 0)];
        bool sorted = classes > 1;
        int changes = 0, prev = -1;
        for (int r = start; r < start + rows && classes > 0; r++)
        {
            int label = LabelOf(data, r, width, enc);
            if (label < 0 || label >= classes) continue;
            counts[label]++;
            if (prev >= 0 && label != prev) changes++;
            prev = label;
        }
        // sorted: every class forms one contiguous block (at most C − 1 label changes along the sample order)
        sorted = sorted && counts.Count(c => c > 0) > 1 && changes <= counts.Count(c => c > 0) - 1;
        return new LabelInfo(enc, classes, counts, min, max, nonFinite, firstNf, sorted);
    }

    private static int LabelOf(double[] data, int row, int width, LabelEncoding enc)
    {
        if (width == 1) return double.IsFinite(data[row]) ? (int)Math.Round(data[row]) : -1;
        int best = 0;
        for (int k = 1; k < width; k++) if (data[row * width + k] > data[row * width + best]) best = k;
        return enc is LabelEncoding.OneHot or LabelEncoding.Probabilities ? best : -1;
    }

    private static (InputStats Stats, long NonFinite, long? FirstNonFinite) Stats(Tensor x, int start, int rows, int featureAxis)
    {
        var dims = x.Shape.ToArray();
        return x.DType == DType.Float32
            ? Stats<float>(x.AsSpan<float>(), dims, start, rows, featureAxis)
            : Stats<double>(x.AsSpan<double>(), dims, start, rows, featureAxis);
    }

    private static (InputStats, long, long?) Stats<T>(ReadOnlySpan<T> data, int[] dims, int start, int rows, int featureAxis)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rowLen = 1;
        for (int i = 1; i < dims.Length; i++) rowLen *= dims[i];
        int features = featureAxis < 0 ? 1 : dims[featureAxis];
        int inner = 1;
        for (int i = featureAxis + 1; i < dims.Length && featureAxis >= 0; i++) inner *= dims[i];
        int kept = Math.Min(features, InputStats.MaxFeatures);
        var fMin = Enumerable.Repeat(double.PositiveInfinity, kept).ToArray();
        var fMax = Enumerable.Repeat(double.NegativeInfinity, kept).ToArray();
        var fSum = new double[kept];
        var fSq = new double[kept];
        var fCount = new long[kept];
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0, sq = 0;
        long count = 0, nonFinite = 0; long? firstNf = null;
        for (int r = start; r < start + rows; r++)
        {
            var row = data.Slice(r * rowLen, rowLen);
            for (int j = 0; j < row.Length; j++)
            {
                double v = double.CreateTruncating(row[j]);
                if (!double.IsFinite(v)) { nonFinite++; firstNf ??= r; continue; }
                int f = features == 1 ? 0 : (j / inner) % features;
                if (f < kept)
                {
                    if (v < fMin[f]) fMin[f] = v;
                    if (v > fMax[f]) fMax[f] = v;
                    fSum[f] += v; fSq[f] += v * v; fCount[f]++;
                }
                if (v < min) min = v;
                if (v > max) max = v;
                sum += v; sq += v * v; count++;
            }
        }
        var fMean = new double[kept];
        var fStd = new double[kept];
        for (int f = 0; f < kept; f++)
        {
            if (fCount[f] == 0) { fMin[f] = fMax[f] = 0; continue; }
            fMean[f] = fSum[f] / fCount[f];
            fStd[f] = Math.Sqrt(Math.Max(0, fSq[f] / fCount[f] - fMean[f] * fMean[f]));
        }
        double mean = count > 0 ? sum / count : 0;
        double std = count > 0 ? Math.Sqrt(Math.Max(0, sq / count - mean * mean)) : 0;
        if (count == 0) { min = 0; max = 0; }
        return (new InputStats(min, max, mean, std, count, fMin, fMax, fMean, fStd), nonFinite, firstNf);
    }

    private static int CountDuplicates(Tensor trainX, Tensor trainY, int trainStart, int trainRows, Tensor valX, Tensor valY, int valStart, int valRows)
    {
        if (trainX.DType != valX.DType || trainX.Shape.Product(1, trainX.Rank) != valX.Shape.Product(1, valX.Rank)) return 0;
        var tx = Bytes(trainX); var ty = Bytes(trainY); var vx = Bytes(valX); var vy = Bytes(valY);
        int xr = tx.Length / Math.Max(1, trainX.Shape[0]), yr = ty.Length / Math.Max(1, trainY.Shape[0]);
        if (vy.Length / Math.Max(1, valY.Shape[0]) != yr) return 0;
        // hash every training row (input and target bytes), then look each validation row up and confirm byte equality
        var index = new Dictionary<int, List<int>>();
        for (int r = trainStart; r < trainStart + trainRows; r++)
        {
            int h = RowHash(tx.Slice(r * xr, xr), ty.Slice(r * yr, yr));
            if (!index.TryGetValue(h, out var l)) index[h] = l = [];
            l.Add(r);
        }
        int dup = 0;
        for (int r = valStart; r < valStart + valRows; r++)
        {
            var rx = vx.Slice(r * xr, xr); var ry = vy.Slice(r * yr, yr);
            if (!index.TryGetValue(RowHash(rx, ry), out var cands)) continue;
            foreach (var c in cands)
                if (tx.Slice(c * xr, xr).SequenceEqual(rx) && ty.Slice(c * yr, yr).SequenceEqual(ry)) { dup++; break; }
        }
        return dup;
    }

    private static ReadOnlySpan<byte> Bytes(Tensor t) =>
        t.DType == DType.Float32 ? MemoryMarshal.AsBytes(t.AsSpan<float>()) : MemoryMarshal.AsBytes(t.AsSpan<double>());

    private static int RowHash(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        var h = new HashCode();
        h.AddBytes(x);
        h.AddBytes(y);
        return h.ToHashCode();
    }
}
