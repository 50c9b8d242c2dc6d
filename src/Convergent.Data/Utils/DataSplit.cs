using Convergent.Tensors;

namespace Convergent.Data;

/// <summary>Train/validation/test splits of (x, y) arrays along the first (sample) axis.</summary>
public static class DataSplit
{
    /// <summary>
    /// Keras's <c>validation_split</c>: the <b>last</b> fraction of the arrays, taken before any shuffling, becomes
    /// the validation set. The cut is <c>splitAt = floor(N · (1 − validationSplit))</c>, computed in double exactly
    /// as Keras 3 does (<c>keras/src/trainers/data_adapters/array_slicing.py</c>, <c>train_validation_split</c>);
    /// rows [0, splitAt) train and [splitAt, N) validate. E.g. N = 512, split 0.2 → 409 train, 103 validation.
    /// Like Keras, a split that leaves either side empty is an error.
    /// </summary>
    public static (Tensor XTrain, Tensor YTrain, Tensor XVal, Tensor YVal) ValidationSplit(Tensor x, Tensor y, double validationSplit)
    {
        int n = CheckPair(x, y);
        if (!(validationSplit > 0 && validationSplit < 1))
            throw new ArgumentOutOfRangeException(nameof(validationSplit), $"validationSplit must be in (0, 1). Received: validationSplit={validationSplit}");
        int splitAt = ValidationSplitIndex(n, validationSplit);
        if (splitAt == 0 || splitAt == n)
            throw new ArgumentException($"{n} samples are not enough to split into training and validation sets with validationSplit={validationSplit}.", nameof(validationSplit));
        return (Rows.Slice(x, 0, splitAt), Rows.Slice(y, 0, splitAt), Rows.Slice(x, splitAt, n - splitAt), Rows.Slice(y, splitAt, n - splitAt));
    }

    /// <summary>The first validation row for <paramref name="n"/> samples: <c>floor(n · (1 − validationSplit))</c>.</summary>
    public static int ValidationSplitIndex(int n, double validationSplit) => (int)Math.Floor(n * (1.0 - validationSplit));

    /// <summary>
    /// A seeded random train/test split with scikit-learn's sizes (<c>train_test_split</c>): the test set has
    /// <c>ceil(testSize · N)</c> rows, the rest train. With <paramref name="shuffle"/> the rows are permuted by a
    /// seeded Fisher–Yates shuffle (identical for a seed on every platform, though not numpy's permutation);
    /// without it the test set is the last rows. With <paramref name="stratify"/> (class labels y of shape (N,)),
    /// each class is split in the same proportion (per class <c>round(testSize · n_c)</c>, at least one row in
    /// train), keeping the class balance in both parts.
    /// </summary>
    public static (Tensor XTrain, Tensor YTrain, Tensor XTest, Tensor YTest) TrainTestSplit(Tensor x, Tensor y, double testSize = 0.25,
        int seed = 0, bool shuffle = true, bool stratify = false)
    {
        int n = CheckPair(x, y);
        if (!(testSize > 0 && testSize < 1))
            throw new ArgumentOutOfRangeException(nameof(testSize), $"testSize must be in (0, 1). Received: testSize={testSize}");
        var rng = new SeededRandom(seed);
        int[] train, test;
        if (stratify)
        {
            if (y.Rank != 1) throw new ArgumentException($"stratify needs class labels of shape (N,). Received: {y.Shape}", nameof(y));
            var labels = y.ToDoubleArray();
            var trainList = new List<int>();
            var testList = new List<int>();
            foreach (var group in Enumerable.Range(0, n).GroupBy(i => labels[i]).OrderBy(g => g.Key))
            {
                int[] members = group.ToArray();
                if (shuffle) members = rng.Permutation(members.Length).Select(k => members[k]).ToArray();
                int nTest = Math.Min(members.Length - 1, (int)Math.Round(testSize * members.Length, MidpointRounding.AwayFromZero));
                trainList.AddRange(members[..^nTest]);
                testList.AddRange(members[^nTest..]);
            }
            train = [.. trainList];
            test = [.. testList];
            if (shuffle)
            {
                train = rng.Permutation(train.Length).Select(k => train[k]).ToArray();
                test = rng.Permutation(test.Length).Select(k => test[k]).ToArray();
            }
            else { Array.Sort(train); Array.Sort(test); }
        }
        else
        {
            int nTest = (int)Math.Ceiling(testSize * n);
            if (nTest == 0 || nTest == n)
                throw new ArgumentException($"{n} samples are not enough for testSize={testSize}.", nameof(testSize));
            int[] order = shuffle ? rng.Permutation(n) : Enumerable.Range(0, n).ToArray();
            train = order[..(n - nTest)];
            test = order[(n - nTest)..];
        }
        return (Rows.Gather(x, train), Rows.Gather(y, train), Rows.Gather(x, test), Rows.Gather(y, test));
    }

    /// <summary>The same seeded permutation applied to x and y (rows stay paired).</summary>
    public static (Tensor X, Tensor Y) Shuffle(Tensor x, Tensor y, int seed = 0)
    {
        int n = CheckPair(x, y);
        var order = new SeededRandom(seed).Permutation(n);
        return (Rows.Gather(x, order), Rows.Gather(y, order));
    }

    private static int CheckPair(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int n = Rows.Count(x);
        if (Rows.Count(y) != n)
            throw new ArgumentException($"x and y must have the same number of samples. Received: x shape {x.Shape}, y shape {y.Shape}");
        return n;
    }
}
