using System.IO.Compression;
using System.Reflection;
using Convergent.Data;
using Convergent.Keras.Files;
using Convergent.Nn;

namespace Convergent.Keras;

/// <summary>
/// Saves and loads a whole model — architecture, weights, optimizer state and the positions of its random
/// streams — in one file, and weights alone as numpy <c>.npz</c>.
/// </summary>
/// <remarks>
/// <para>The model file is a zip (use the extension <c>.cvg</c>; <c>.keras</c> works too) laid out like a Keras 3
/// <c>.keras</c> archive, except that weights are numpy <c>.npz</c>, not HDF5 — so Keras cannot load its weights,
/// but <c>numpy.load</c> can:</para>
/// <list type="bullet">
/// <item><c>config.json</c>: the model as Keras 3's <c>model.to_json()</c> writes it (class_name Sequential;
/// config.layers with module, class_name, config, registered_name and build_config); <see cref="KerasJsonReader"/>
/// reads it.</item>
/// <item><c>compile.json</c>: Keras 3's compile config (optimizer, loss and metrics objects); absent when the model
/// is not compiled.</item>
/// <item><c>model.weights.npz</c>: every weight by name (<c>dense/kernel</c>), in the model's weight order.</item>
/// <item><c>optimizer.npz</c>: <c>iterations</c> (int64) and every slot as <c>{weight}/{slot}</c>
/// (<c>dense/kernel/momentum</c>).</item>
/// <item><c>metadata.json</c>: format, Convergent version, dtype, seed, date, and the random streams' positions.</item>
/// </list>
/// <para>A loaded model predicts bit-identically and continues training exactly as the saved one would have.
/// Saving is atomic: the file is written under a temporary name in the same folder and then moved over the
/// target.</para>
/// </remarks>
public static partial class ModelFile
{
    /// <summary>The value of <c>format</c> in <c>metadata.json</c>.</summary>
    public const string FormatName = "convergent.model";

    /// <summary>The layout version written.</summary>
    public const int FormatVersion = 1;

    private const string MetadataMember = "metadata.json";
    private const string ConfigMember = "config.json";
    private const string CompileMember = "compile.json";
    private const string WeightsMember = "model.weights.npz";
    private const string OptimizerMember = "optimizer.npz";

    /// <summary>Saves <paramref name="model"/> (built; compiled or not) to <paramref name="path"/>, replacing it atomically.</summary>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    /// <exception cref="ArgumentException">The model is not a <see cref="Sequential"/>, or holds an object without a
    /// Keras form (e.g. a custom layer or a <see cref="OneCycle"/> schedule).</exception>
    public static void Save(Model model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (model is not Sequential sequential)
        {
            throw new ArgumentException($"Model '{model.Name}' is a {model.GetType().Name}; model files hold Sequential models.", nameof(model));
        }

        if (!model.Built)
        {
            throw new InvalidOperationException($"Model '{model.Name}' is not built: build it (or fit it) before saving.");
        }

        // everything is serialized before the file is touched, so a failure leaves the old file as it was
        var members = new List<(string Name, byte[] Data, bool Compress)>
        {
            (MetadataMember, ConfigJson.Serialize(Metadata(model)), true),
            (ConfigMember, ConfigJson.Serialize(ModelConfig(sequential)), true),
        };
        if (model.Optimizer is not null && model.Loss is not null)
        {
            members.Add((CompileMember, ConfigJson.Serialize(CompileConfig(model)), true));
        }

        members.Add((WeightsMember, NpzBytes(model.Weights.Select(w => (w.Name, NpyArray.FromTensor(w.Value)))), false));
        if (model.Optimizer is { } optimizer)
        {
            var arrays = new List<(string, NpyArray)> { ("iterations", NpyArray.Create([optimizer.Iterations])) };
            arrays.AddRange(optimizer.GetSlots().Select(s => ($"{s.Variable.Name}/{s.Slot}", NpyArray.FromTensor(s.Value))));
            members.Add((OptimizerMember, NpzBytes(arrays), false));
        }

        WriteAtomically(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var (name, data, compress) in members)
            {
                var entry = zip.CreateEntry(name, compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
                using var es = entry.Open();
                es.Write(data);
            }
        });
    }

    private static Dictionary<string, object?> Metadata(Model model) => new()
    {
        ["format"] = FormatName,
        ["format_version"] = FormatVersion,
        ["convergent_version"] = typeof(ModelFile).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                                 ?? typeof(ModelFile).Assembly.GetName().Version?.ToString(),
        ["date_saved"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["dtype"] = DTypeName(model.DType),
        ["seed"] = model.Seed,
        ["weights_format"] = "npz",
        ["random_state"] = model.GetRandomState(),
    };

    private static string DTypeName(Tensors.DType dtype) => dtype == Tensors.DType.Float32 ? "float32" : "float64";

    private static Dictionary<string, object?> ModelConfig(Sequential model)
    {
        object?[] BatchShape(Tensors.Shape s) => [null, .. s.Select(d => (object?)d)];
        var layers = new List<object?>
        {
            new Dictionary<string, object?>
            {
                ["module"] = "keras.layers",
                ["class_name"] = "InputLayer",
                ["config"] = new Dictionary<string, object?>
                {
                    ["batch_shape"] = BatchShape(model.InputShape!),
                    ["dtype"] = DTypeName(model.DType),
                    ["sparse"] = false,
                    ["name"] = "input_layer",
                },
                ["registered_name"] = null,
            },
        };
        foreach (var layer in model.Layers)
        {
            var entry = new Dictionary<string, object?>(KerasRegistry.ToKeras(layer).ToDictionary())
            {
                ["build_config"] = new Dictionary<string, object?> { ["input_shape"] = BatchShape(layer.InputShape!) },
            };
            layers.Add(entry);
        }

        return new Dictionary<string, object?>
        {
            ["module"] = "keras",
            ["class_name"] = "Sequential",
            ["config"] = new Dictionary<string, object?>
            {
                ["name"] = model.Name,
                ["trainable"] = true,
                ["dtype"] = DTypeName(model.DType),
                ["layers"] = layers,
                ["build_input_shape"] = BatchShape(model.InputShape!),
            },
            ["registered_name"] = null,
            ["build_config"] = new Dictionary<string, object?> { ["input_shape"] = BatchShape(model.InputShape!) },
        };
    }

    private static Dictionary<string, object?> CompileConfig(Model model) => new()
    {
        ["optimizer"] = KerasRegistry.ToKeras(model.Optimizer!).ToDictionary(),
        ["loss"] = KerasRegistry.ToKeras(model.Loss!).ToDictionary(),
        ["metrics"] = model.Metrics.Select(m => KerasRegistry.ToKeras(m) is KerasObjectConfig c ? c.ToDictionary() : KerasRegistry.ToKeras(m)).ToList(),
        ["loss_weights"] = null,
        ["weighted_metrics"] = null,
        ["run_eagerly"] = false,
        ["steps_per_execution"] = 1,
        ["jit_compile"] = false,
    };

    /// <summary>An <c>.npz</c> archive in memory (what <see cref="Npz.Write"/> writes to a file).</summary>
    private static byte[] NpzBytes(IEnumerable<(string Name, NpyArray Array)> arrays)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, array) in arrays)
            {
                var entry = zip.CreateEntry(name + ".npy", CompressionLevel.NoCompression);
                using var es = entry.Open();
                Npy.Write(es, array);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Writes through a temporary file in the target's folder, then moves it over the target.</summary>
    private static void WriteAtomically(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                write(fs);
                fs.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
