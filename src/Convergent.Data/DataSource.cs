namespace Convergent.Data;

/// <summary>
/// Opens the DATA argument of the <c>convergent</c> command (see the CLI contract): <c>builtin:NAME</c> (or
/// <c>builtin:NAME:COUNT</c> for the generated sets, <see cref="BuiltinDatasets.Load"/>), an
/// <c>.npz</c> file with <c>x</c>/<c>y</c> or <c>x_train</c>/<c>y_train</c> (and optional <c>x_val</c>/<c>y_val</c> or
/// <c>x_test</c>/<c>y_test</c>), a <c>.csv</c> file with a target column, a folder of MNIST IDX files, a folder of
/// CIFAR-10 binary batches, or a folder of images with one sub-folder per class.
/// </summary>
public static class DataSource
{
    /// <summary>Loads <paramref name="spec"/>. <paramref name="target"/> names the CSV target column (name or index;
    /// default: the last column). Bad input raises <see cref="DataFormatException"/> naming the file and what was
    /// expected.</summary>
    public static Dataset Load(string spec, string? target = null, int seed = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        if (spec.StartsWith("builtin:", StringComparison.OrdinalIgnoreCase))
        {
            try { return BuiltinDatasets.Load(spec, seed); }
            catch (ArgumentException e) { throw new DataFormatException(spec, e.Message); }
        }
        if (Directory.Exists(spec)) return LoadFolder(spec);
        if (!File.Exists(spec))
            throw new DataFormatException(spec, "no such file or folder (expected builtin:NAME, a .npz or .csv file, or a folder of IDX files, CIFAR-10 batches or class sub-folders of images)");
        string ext = Path.GetExtension(spec).ToLowerInvariant();
        return ext switch
        {
            ".npz" => LoadNpz(spec),
            ".csv" or ".tsv" or ".txt" => LoadCsv(spec, target),
            ".gz" when spec.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase) => LoadCsv(spec, target),
            _ => throw new DataFormatException(spec, $"unsupported data file type '{ext}' (expected .npz or .csv, a folder, or builtin:NAME)"),
        };
    }

    private static Dataset LoadCsv(string path, string? target)
    {
        var options = new CsvOptions();
        if (target is not null)
            options = int.TryParse(target, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int index)
                ? options with { TargetIndex = index }
                : options with { TargetName = target };
        return CsvDataset.Read(path, options).ToDataset(Path.GetFileNameWithoutExtension(path), $"CSV file {path}");
    }

    private static Dataset LoadNpz(string path)
    {
        var arrays = Npz.Read(path);
        (string x, string y) = arrays.ContainsKey("x_train") ? ("x_train", "y_train") : ("x", "y");
        if (!arrays.ContainsKey(x) || !arrays.ContainsKey(y))
            throw new DataFormatException(path, $"expected arrays 'x' and 'y' (or 'x_train' and 'y_train'); the archive holds: {string.Join(", ", arrays.Keys)}", field: x);
        var xTrain = arrays[x].ToTensor();
        var yTrain = arrays[y].ToTensor();
        if (xTrain.Rank == 0 || yTrain.Rank == 0 || xTrain.Shape[0] != yTrain.Shape[0])
            throw new DataFormatException(path, $"'{x}' has shape {xTrain.Shape} and '{y}' has shape {yTrain.Shape}: they must have the same number of rows", field: y);
        (string? xv, string? yv) = arrays.ContainsKey("x_val") ? ("x_val", "y_val") : arrays.ContainsKey("x_test") ? ("x_test", "y_test") : (null, null);
        Convergent.Tensors.Tensor? xTest = null, yTest = null;
        if (xv is not null)
        {
            if (!arrays.ContainsKey(yv!)) throw new DataFormatException(path, $"'{xv}' is present but '{yv}' is missing", field: yv);
            xTest = arrays[xv].ToTensor();
            yTest = arrays[yv!].ToTensor();
        }
        return new Dataset(Path.GetFileNameWithoutExtension(path), xTrain, yTrain, xTest, yTest, null, $"arrays from {path}");
    }

    private static Dataset LoadFolder(string folder)
    {
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).ToList();
        if (files.Any(f => f!.Contains("idx3-ubyte", StringComparison.OrdinalIgnoreCase)))
            return Mnist.LoadFolder(folder);
        if (files.Any(f => f!.StartsWith("data_batch_", StringComparison.OrdinalIgnoreCase)) || files.Contains("test_batch.bin"))
            return Cifar10.LoadFolder(folder);
        if (Directory.GetDirectories(folder).Length == 0)
            throw new DataFormatException(folder, "the folder holds no MNIST IDX files (*images-idx3-ubyte[.gz]), no CIFAR-10 batches (data_batch_*.bin, test_batch.bin) and no class sub-folders of images");
        return ImageFolder.Load(folder);
    }
}
