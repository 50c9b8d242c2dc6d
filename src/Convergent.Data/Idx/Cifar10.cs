using Convergent.Tensors;

namespace Convergent.Data;

/// <summary>
/// Loads the binary version of CIFAR-10 (Krizhevsky 2009): <c>data_batch_1.bin</c> … <c>data_batch_5.bin</c> and
/// <c>test_batch.bin</c>, each a sequence of 3073-byte records (one label byte, then 32×32 red, 32×32 green, 32×32
/// blue bytes: CHW). Images come out channels_last (N, 32, 32, 3) as float 0–255 and labels (N,), like Keras's
/// <c>cifar10.load_data()</c> (which keeps uint8 values; scaling is the user's choice).
/// </summary>
public static class Cifar10
{
    /// <summary>Bytes per record: a label byte and 3 × 32 × 32 pixel bytes.</summary>
    public const int RecordSize = 1 + 3 * 32 * 32;

    /// <summary>CIFAR-10's class names, by label (as in <c>batches.meta.txt</c>).</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>Loads every <c>data_batch_N.bin</c> present (in order N = 1…5) as the train split and
    /// <c>test_batch.bin</c>, when present, as the test split. The folder may be the extracted
    /// <c>cifar-10-batches-bin</c> itself or its parent.</summary>
    public static Dataset LoadFolder(string folder)
    {
        if (!Directory.Exists(folder)) throw new DataFormatException(folder, "folder not found");
        string nested = Path.Combine(folder, "cifar-10-batches-bin");
        if (!File.Exists(Path.Combine(folder, "data_batch_1.bin")) && Directory.Exists(nested)) folder = nested;
        var trainFiles = Enumerable.Range(1, 5).Select(i => Path.Combine(folder, $"data_batch_{i}.bin")).Where(File.Exists).ToList();
        if (trainFiles.Count == 0) throw new DataFormatException(folder, "no data_batch_1.bin … data_batch_5.bin in the folder");
        var (xTrain, yTrain) = ReadBatches(trainFiles);
        string testFile = Path.Combine(folder, "test_batch.bin");
        Tensor? xTest = null, yTest = null;
        if (File.Exists(testFile)) (xTest, yTest) = ReadBatches([testFile]);
        return new Dataset("cifar10", xTrain, yTrain, xTest, yTest, ClassNames, $"CIFAR-10 binary batches from {folder}");
    }

    /// <summary>Reads and concatenates batch files, validating every size before allocating.</summary>
    public static (Tensor X, Tensor Y) ReadBatches(IReadOnlyList<string> files)
    {
        long total = 0;
        foreach (var f in files)
        {
            long len = new FileInfo(f).Length;
            if (len % RecordSize != 0)
                throw new DataFormatException(f, $"size {len} bytes is not a multiple of the {RecordSize}-byte record (1 label + 3072 pixels); {len % RecordSize} bytes left over", len - len % RecordSize);
            total += len / RecordSize;
        }
        if (total * 3072 > Array.MaxLength)
            throw new DataFormatException(files[0], $"{total} images are more than one array can hold");
        var x = new float[total * 3072];
        var y = new float[total];
        var record = new byte[RecordSize];
        long n = 0;
        foreach (var f in files)
        {
            using var fs = File.OpenRead(f);
            long records = fs.Length / RecordSize;
            for (long r = 0; r < records; r++, n++)
            {
                fs.ReadExactly(record);
                if (record[0] > 9)
                    throw new DataFormatException(f, $"record {r} has label {record[0]}; CIFAR-10 labels are 0–9", r * RecordSize, field: "label");
                y[n] = record[0];
                // CHW (planes of red, green, blue) to HWC (channels_last).
                int baseOut = (int)(n * 3072);
                for (int c = 0; c < 3; c++)
                    for (int p = 0; p < 1024; p++)
                        x[baseOut + p * 3 + c] = record[1 + c * 1024 + p];
            }
        }
        return (Tensor.FromArray(x, (int)total, 32, 32, 3), Tensor.FromArray(y, (int)total));
    }
}
