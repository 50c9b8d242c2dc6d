using Convergent.Tensors;

namespace Convergent.Data;

/// <summary>
/// Seeded generators for the classic two-dimensional toy problems. Every generator is deterministic for a seed
/// (its own SplitMix64 stream, identical on every platform) and returns features (N, 2) float32 and class labels
/// (N,) as float. Noise is Gaussian with the given standard deviation, added to both coordinates.
/// </summary>
public static class ToyData
{
    /// <summary>
    /// User story 5's data: 256 points on <c>y = cos(1.2·x) + 0.8</c> (class 0) followed by 256 points on
    /// <c>y = cos(1.2·x) − 0.8</c> (class 1), x = <c>numpy.linspace(0, 2π, 256)</c> for both, features (x, y),
    /// concatenated class 0 first and NOT shuffled — so Keras's <c>validation_split</c> takes only class-1 points
    /// with the largest x. <paramref name="noise"/> (default 0: the exact story) adds Gaussian noise to y; the seed
    /// only matters when it is non-zero.
    /// </summary>
    public static Dataset TwoCurves(int seed = 0, double noise = 0.0)
    {
        const int PerClass = 256;
        var rng = new SeededRandom(seed);
        var x = Linspace(0, 2 * Math.PI, PerClass);
        var features = new float[2 * PerClass * 2];
        var labels = new float[2 * PerClass];
        for (int c = 0; c < 2; c++)
            for (int i = 0; i < PerClass; i++)
            {
                int row = c * PerClass + i;
                double y = Math.Cos(1.2 * x[i]) + (c == 0 ? 0.8 : -0.8);
                if (noise > 0) y += noise * rng.NextGaussian();
                features[row * 2] = (float)x[i];
                features[row * 2 + 1] = (float)y;
                labels[row] = c;
            }
        return Make("two-curves", features, labels, ["upper", "lower"],
            "Two cosine curves y = cos(1.2x) ± 0.8, x in [0, 2π], 256 points each, class 0 first, not shuffled (user story 5)");
    }

    /// <summary>
    /// Interleaved spirals (the CS231n example): for class k, radius r = linspace(0, 1, n) and angle
    /// t = linspace(4k, 4(k+1), n) + noise·N(0, 1); point (r·sin t, r·cos t). <paramref name="samplesPerClass"/>
    /// points per class, classes in order, not shuffled.
    /// </summary>
    public static Dataset Spirals(int samplesPerClass = 100, int classes = 3, double noise = 0.2, int seed = 0)
    {
        Positive(samplesPerClass, nameof(samplesPerClass));
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), $"classes must be ≥ 2. Received: classes={classes}");
        var rng = new SeededRandom(seed);
        int n = samplesPerClass * classes;
        var features = new float[n * 2];
        var labels = new float[n];
        var r = Linspace(0, 1, samplesPerClass);
        for (int k = 0; k < classes; k++)
        {
            var t = Linspace(4 * k, 4 * (k + 1), samplesPerClass);
            for (int i = 0; i < samplesPerClass; i++)
            {
                int row = k * samplesPerClass + i;
                double angle = t[i] + noise * rng.NextGaussian();
                features[row * 2] = (float)(r[i] * Math.Sin(angle));
                features[row * 2 + 1] = (float)(r[i] * Math.Cos(angle));
                labels[row] = k;
            }
        }
        return Make("spirals", features, labels, [.. Enumerable.Range(0, classes).Select(k => $"arm_{k}")],
            $"{classes} interleaved spirals, {samplesPerClass} points each, angle noise {noise}, seed {seed}");
    }

    /// <summary>
    /// XOR: <paramref name="n"/> points uniform in [−1, 1]², label 1 when the coordinates have opposite signs
    /// (x·y &lt; 0), else 0; then Gaussian noise is added to the coordinates (labels keep the clean quadrant).
    /// </summary>
    public static Dataset Xor(int n = 200, double noise = 0.1, int seed = 0)
    {
        Positive(n, nameof(n));
        var rng = new SeededRandom(seed);
        var features = new float[n * 2];
        var labels = new float[n];
        for (int i = 0; i < n; i++)
        {
            double a = rng.NextDouble() * 2 - 1, b = rng.NextDouble() * 2 - 1;
            labels[i] = a * b < 0 ? 1 : 0;
            features[i * 2] = (float)(a + noise * rng.NextGaussian());
            features[i * 2 + 1] = (float)(b + noise * rng.NextGaussian());
        }
        return Make("xor", features, labels, ["same_sign", "opposite_sign"], $"XOR quadrants, {n} points, noise {noise}, seed {seed}");
    }

    /// <summary>
    /// Two concentric circles as scikit-learn's <c>make_circles</c>: n/2 (rounded down) points on the unit circle
    /// (class 0) and the rest on a circle of radius <paramref name="factor"/> (class 1), angles evenly spaced
    /// (linspace without endpoint), Gaussian noise added, then rows shuffled with the seed.
    /// </summary>
    public static Dataset Circles(int n = 200, double noise = 0.05, double factor = 0.5, int seed = 0)
    {
        Positive(n, nameof(n));
        if (!(factor > 0 && factor < 1)) throw new ArgumentOutOfRangeException(nameof(factor), $"factor must be in (0, 1). Received: factor={factor}");
        var rng = new SeededRandom(seed);
        int nOut = n / 2, nIn = n - nOut;
        var features = new float[n * 2];
        var labels = new float[n];
        for (int i = 0; i < n; i++)
        {
            bool outer = i < nOut;
            int k = outer ? i : i - nOut, m = outer ? nOut : nIn;
            double angle = 2 * Math.PI * k / m, radius = outer ? 1 : factor;
            features[i * 2] = (float)(radius * Math.Cos(angle) + noise * rng.NextGaussian());
            features[i * 2 + 1] = (float)(radius * Math.Sin(angle) + noise * rng.NextGaussian());
            labels[i] = outer ? 0 : 1;
        }
        return Shuffled(Make("circles", features, labels, ["outer", "inner"], $"Concentric circles, {n} points, noise {noise}, factor {factor}, seed {seed}"), rng);
    }

    /// <summary>
    /// Gaussian blobs as scikit-learn's <c>make_blobs</c>: <paramref name="centers"/> centres drawn uniformly in
    /// [−10, 10]^features, n split evenly between them (the first n mod centers blobs get one more), each point the
    /// centre plus N(0, std²) per coordinate; rows shuffled with the seed.
    /// </summary>
    public static Dataset Blobs(int n = 300, int centers = 3, double std = 1.0, int seed = 0, int features = 2)
    {
        Positive(n, nameof(n));
        Positive(centers, nameof(centers));
        Positive(features, nameof(features));
        var rng = new SeededRandom(seed);
        var c = new double[centers * features];
        for (int i = 0; i < c.Length; i++) c[i] = rng.NextDouble() * 20 - 10;
        var data = new float[n * features];
        var labels = new float[n];
        int row = 0;
        for (int k = 0; k < centers; k++)
        {
            int count = n / centers + (k < n % centers ? 1 : 0);
            for (int i = 0; i < count; i++, row++)
            {
                for (int j = 0; j < features; j++) data[row * features + j] = (float)(c[k * features + j] + std * rng.NextGaussian());
                labels[row] = k;
            }
        }
        var ds = new Dataset("blobs", Tensor.FromArray(data, n, features), Tensor.FromArray(labels, n), null, null,
            [.. Enumerable.Range(0, centers).Select(k => $"blob_{k}")], $"{centers} Gaussian blobs in {features}-d, {n} points, std {std}, seed {seed}");
        return Shuffled(ds, rng);
    }

    /// <summary>numpy.linspace(start, stop, num) with endpoint: i·step + start, the last value set to stop exactly.</summary>
    internal static double[] Linspace(double start, double stop, int num)
    {
        var r = new double[num];
        if (num == 1) { r[0] = start; return r; }
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) r[i] = i * step + start;
        r[^1] = stop;
        return r;
    }

    private static Dataset Make(string name, float[] features, float[] labels, IReadOnlyList<string> classes, string description) =>
        new(name, Tensor.FromArray(features, labels.Length, 2), Tensor.FromArray(labels, labels.Length), null, null, classes, description);

    private static Dataset Shuffled(Dataset d, SeededRandom rng)
    {
        var order = rng.Permutation(d.YTrain.Shape[0]);
        return d with { XTrain = Rows.Gather(d.XTrain, order), YTrain = Rows.Gather(d.YTrain, order) };
    }

    private static void Positive(int v, string name)
    {
        if (v <= 0) throw new ArgumentOutOfRangeException(name, $"{name} must be positive. Received: {name}={v}");
    }
}
