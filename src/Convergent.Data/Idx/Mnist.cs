using System.Text.RegularExpressions;
using Convergent.Tensors;

namespace Convergent.Data;

/// <summary>
/// Loads MNIST-style data (the digits and look-alikes such as Fashion-MNIST or EMNIST) from a folder of IDX files:
/// a train pair <c>*train-images-idx3-ubyte[.gz]</c> + <c>*train-labels-idx1-ubyte[.gz]</c> and an optional test pair
/// named <c>*t10k-…</c> or <c>*test-…</c> (a dot instead of the dash before <c>idx</c> is accepted too).
/// The Keras equivalent is <c>keras.datasets.mnist.load_data()</c>.
/// </summary>
public static partial class Mnist
{
    // Any prefix is allowed (e.g. EMNIST's "emnist-digits-train-images-idx3-ubyte.gz").
    [GeneratedRegex(@"(?<split>train|t10k|test)[-_.]?.*?(?<kind>images|labels)[-.]idx(?<rank>[13])-ubyte(\.gz)?$", RegexOptions.IgnoreCase)]
    private static partial Regex FileName();

    /// <summary>Loads the train (and, when present, test) split from <paramref name="folder"/>.</summary>
    public static Dataset LoadFolder(string folder, MnistOptions? options = null)
    {
        options ??= new MnistOptions();
        if (!Directory.Exists(folder)) throw new DataFormatException(folder, "folder not found");
        var found = new Dictionary<(string Split, string Kind), string>();
        foreach (var path in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            var m = FileName().Match(Path.GetFileName(path));
            if (!m.Success) continue;
            string split = m.Groups["split"].Value.ToLowerInvariant() == "train" ? "train" : "test";
            var key = (split, m.Groups["kind"].Value.ToLowerInvariant());
            if (found.TryGetValue(key, out var other))
                throw new DataFormatException(path, $"two {key.Item1} {key.Item2} files in the folder: {Path.GetFileName(other)} and {Path.GetFileName(path)}");
            found[key] = path;
        }
        if (!found.ContainsKey(("train", "images")) || !found.ContainsKey(("train", "labels")))
            throw new DataFormatException(folder, "no train-images-idx3-ubyte[.gz] + train-labels-idx1-ubyte[.gz] pair in the folder");
        var (xTrain, yTrain) = LoadPair(found[("train", "images")], found[("train", "labels")], options);
        Tensor? xTest = null, yTest = null;
        bool hasTestImages = found.TryGetValue(("test", "images"), out var ti), hasTestLabels = found.TryGetValue(("test", "labels"), out var tl);
        if (hasTestImages != hasTestLabels)
            throw new DataFormatException(hasTestImages ? ti! : tl!, "the test images and labels must both be present (found only one of the pair)");
        if (hasTestImages) (xTest, yTest) = LoadPair(ti!, tl!, options);
        return new Dataset(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))), xTrain, yTrain, xTest, yTest,
            [.. Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            $"MNIST-format images from {folder}");
    }

    /// <summary>Reads one images file and one labels file and checks that they match.</summary>
    internal static (Tensor X, Tensor Y) LoadPair(string imagesPath, string labelsPath, MnistOptions options)
    {
        using var si = StreamUtil.OpenMaybeGzip(imagesPath);
        using var sl = StreamUtil.OpenMaybeGzip(labelsPath);
        return LoadPair(si, imagesPath, sl, labelsPath, options);
    }

    internal static (Tensor X, Tensor Y) LoadPair(Stream images, string imagesName, Stream labels, string labelsName, MnistOptions options)
    {
        var img = Idx.Read(images, imagesName);
        var lab = Idx.Read(labels, labelsName);
        int[] ishape = img.Shape, lshape = lab.Shape;
        if (ishape.Length != 3)
            throw new DataFormatException(imagesName, $"an images file has 3 dimensions (N, rows, cols); this one has shape {Npy.ShapeText(ishape)}", 3, field: "ndims");
        if (lshape.Length != 1)
            throw new DataFormatException(labelsName, $"a labels file has 1 dimension (N,); this one has shape {Npy.ShapeText(lshape)}", 3, field: "ndims");
        if (ishape[0] != lshape[0])
            throw new DataFormatException(labelsName, $"{lshape[0]} labels for {ishape[0]} images in {Path.GetFileName(imagesName)}", 4, field: "dims");
        var y = lab.ToDoubleArray();
        for (int i = 0; i < y.Length; i++)
            if (y[i] < 0 || y[i] != Math.Floor(y[i]))
                throw new DataFormatException(labelsName, $"label {i} is {y[i]}, not a non-negative integer", 8 + i, field: "data");
        var x = img.ToTensor();
        if (options.Normalize)
        {
            var span = x.AsSpan<float>();
            for (int i = 0; i < span.Length; i++) span[i] /= 255f;
        }
        int n = ishape[0], h = ishape[1], w = ishape[2];
        int[] shape = options.Layout switch
        {
            MnistLayout.Plain => [n, h, w],
            MnistLayout.Flat => [n, h * w],
            _ => [n, h, w, 1],
        };
        return (Tensor.FromArray(x.Float32Data, shape), lab.ToTensor());
    }
}
