using System.Reflection;

namespace Convergent.Data;

/// <summary>
/// The data sets that ship inside Convergent.Data (no download): real data vendored from <c>shared/data</c>
/// (see <c>Builtin/README.md</c> for provenance and licences) and the seeded toy generators of <see cref="ToyData"/>.
/// Names are accepted with or without a <c>builtin:</c> prefix, case-insensitively.
/// </summary>
public static class BuiltinDatasets
{
    /// <summary>Every name <see cref="Load"/> accepts (without the <c>builtin:</c> prefix).</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["mnist-10k", "digits", "iris", "wine", "breast-cancer", "two-curves", "spirals", "xor", "circles", "blobs",
         "book-covers", "large-images", "cifar-shaped"];

    /// <summary>
    /// Loads a built-in data set:
    /// <list type="bullet">
    /// <item><c>mnist-10k</c>: 8,000 train / 2,000 test real MNIST digits, x (N, 28, 28, 1) float 0–255, y (N,).</item>
    /// <item><c>digits</c>: scikit-learn's 1,797 8×8 digits, x (1797, 64) values 0–16, y (1797,) 0–9.</item>
    /// <item><c>iris</c> (150 × 4, 3 classes), <c>wine</c> (178 × 13, 3 classes), <c>breast-cancer</c> (569 × 30,
    /// 2 classes): scikit-learn's copies of the UCI tables, x (N, F), y (N,).</item>
    /// <item><c>two-curves</c>, <c>spirals</c>, <c>xor</c>, <c>circles</c>, <c>blobs</c>: <see cref="ToyData"/> with
    /// its default sizes and <paramref name="seed"/>.</item>
    /// <item><c>book-covers</c>, <c>large-images</c>, <c>cifar-shaped</c>: <see cref="SyntheticImages"/>, image data shaped
    /// like user stories 1, 2 and 3.</item>
    /// </list>
    /// The generated sets whose size is free take a sample count after a second colon, <c>NAME:COUNT</c>
    /// (<see cref="SizedNames"/>; e.g. <c>builtin:cifar-shaped:600</c>), COUNT from <see cref="MinCount"/> to
    /// <see cref="MaxCount"/>.
    /// Only mnist-10k has a test split; split the others with <see cref="DataSplit"/>.
    /// </summary>
    public static Dataset Load(string name, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = name.StartsWith("builtin:", StringComparison.OrdinalIgnoreCase) ? name["builtin:".Length..] : name;
        int colon = key.IndexOf(':');
        if (colon >= 0) return LoadSized(name, key[..colon].ToLowerInvariant(), key[(colon + 1)..], seed);
        return key.ToLowerInvariant() switch
        {
            "mnist-10k" or "mnist" => Mnist10k(),
            "digits" => Table("digits", "uci/digits.csv.gz", new CsvOptions { Header = CsvHeaderMode.Absent },
                "scikit-learn digits: 1,797 8×8 images (values 0–16) flattened to 64 features, 10 classes", [.. Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))]),
            "iris" => Table("iris", "uci/iris.csv", new CsvOptions(), "Fisher's iris (UCI, via scikit-learn): 150 flowers, 4 measurements in cm, 3 species", null),
            "wine" => Table("wine", "uci/wine_data.csv", new CsvOptions(), "UCI wine recognition (via scikit-learn): 178 wines, 13 chemical measurements, 3 cultivars", null),
            "breast-cancer" => Table("breast-cancer", "uci/breast_cancer.csv", new CsvOptions(), "Wisconsin diagnostic breast cancer (UCI, via scikit-learn): 569 samples, 30 features, malignant/benign", null),
            "two-curves" => ToyData.TwoCurves(seed),
            "spirals" => ToyData.Spirals(seed: seed),
            "xor" => ToyData.Xor(seed: seed),
            "circles" => ToyData.Circles(seed: seed),
            "blobs" => ToyData.Blobs(seed: seed),
            "book-covers" => SyntheticImages.BookCovers(seed: seed),
            "large-images" => SyntheticImages.LargeImages(seed: seed),
            "cifar-shaped" => SyntheticImages.CifarShaped(seed: seed),
            _ => throw new ArgumentException($"Unknown built-in data set '{name}'. Available: {string.Join(", ", Names)}", nameof(name)),
        };
    }

    /// <summary>The generated sets that accept a sample count (<c>NAME:COUNT</c>).</summary>
    public static IReadOnlyList<string> SizedNames { get; } = ["xor", "circles", "blobs", "book-covers", "large-images", "cifar-shaped"];

    /// <summary>The smallest sample count <c>NAME:COUNT</c> accepts (one sample of each of up to ten classes).</summary>
    public const int MinCount = 10;

    /// <summary>The largest sample count <c>NAME:COUNT</c> accepts (CIFAR-10's 60,000 images).</summary>
    public const int MaxCount = 60_000;

    private static Dataset LoadSized(string name, string key, string countText, int seed)
    {
        if (!SizedNames.Contains(key))
            throw new ArgumentException(Names.Contains(key)
                ? $"The built-in data set '{key}' has a fixed size; a sample count (NAME:COUNT) is accepted only by {string.Join(", ", SizedNames)}. Received: {name}"
                : $"Unknown built-in data set '{key}'. Available: {string.Join(", ", Names)}", nameof(name));
        if (!int.TryParse(countText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int count)
            || count < MinCount || count > MaxCount)
            throw new ArgumentException($"The sample count after '{key}:' must be a whole number from {MinCount} to {MaxCount:N0}. Received: {name}", nameof(name));
        return key switch
        {
            "xor" => ToyData.Xor(n: count, seed: seed),
            "circles" => ToyData.Circles(n: count, seed: seed),
            "blobs" => ToyData.Blobs(n: count, seed: seed),
            "book-covers" => SyntheticImages.BookCovers(count, seed),
            "large-images" => SyntheticImages.LargeImages(count, seed: seed),
            _ => SyntheticImages.CifarShaped(count, seed: seed),
        };
    }

    private static Dataset Mnist10k()
    {
        var options = new MnistOptions();
        using var xi = Open("mnist-10k/train-images-idx3-ubyte.gz");
        using var yi = Open("mnist-10k/train-labels-idx1-ubyte.gz");
        var (xTrain, yTrain) = Mnist.LoadPair(xi, "builtin:mnist-10k/train-images-idx3-ubyte.gz", yi, "builtin:mnist-10k/train-labels-idx1-ubyte.gz", options);
        using var xt = Open("mnist-10k/test-images-idx3-ubyte.gz");
        using var yt = Open("mnist-10k/test-labels-idx1-ubyte.gz");
        var (xTest, yTest) = Mnist.LoadPair(xt, "builtin:mnist-10k/test-images-idx3-ubyte.gz", yt, "builtin:mnist-10k/test-labels-idx1-ubyte.gz", options);
        return new Dataset("mnist-10k", xTrain, yTrain, xTest, yTest,
            [.. Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            "10,000 real MNIST digits (8,000 train / 2,000 test), 28×28 grayscale, values 0–255 (LeCun, Cortes, Burges; CC BY-SA 3.0)");
    }

    private static Dataset Table(string name, string resource, CsvOptions options, string description, IReadOnlyList<string>? classNames)
    {
        using var s = Open(resource);
        var csv = CsvDataset.Read(s, "builtin:" + resource, options);
        return new Dataset(name, csv.X, csv.Y, null, null, classNames ?? csv.ClassNames, description);
    }

    private static Stream Open(string resource)
    {
        var s = Assembly.GetExecutingAssembly().GetManifestResourceStream("Builtin/" + resource)
            ?? throw new InvalidOperationException($"Embedded resource Builtin/{resource} is missing from the assembly (a build problem).");
        // Resource streams are seekable, so the readers can detect gzip and check sizes up front.
        return s;
    }
}
