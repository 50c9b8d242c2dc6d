using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Convergent.Data;
using Convergent.Nn;
using Convergent.Tensors;

namespace Convergent.Keras;

public static partial class ModelFile
{
    /// <summary>Largest JSON member read (configs are kilobytes).</summary>
    private const long MaxJsonBytes = 64L << 20;

    /// <summary>Largest npz member read (a MemoryStream's limit).</summary>
    private const long MaxArrayBytes = int.MaxValue - 4096;

    /// <summary>Loads a model saved by <see cref="Save"/>: built, compiled when it was, with its weights, optimizer
    /// state and random streams restored, so that it predicts bit-identically and trains on exactly as the saved
    /// model would have.</summary>
    /// <exception cref="ModelFileException">The file is missing, not a Convergent model file, truncated or corrupt;
    /// the message names the file, the member and the field.</exception>
    public static Sequential Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = Open(path);
        using var zip = OpenZip(stream, path);
        var entries = Entries(zip, path);

        var metadata = ReadMetadata(entries, path);
        string config = Encoding.UTF8.GetString(Member(entries, ConfigMember, path, MaxJsonBytes)!);
        string? compile = Member(entries, CompileMember, path, MaxJsonBytes, required: false) is { } c ? Encoding.UTF8.GetString(c) : null;
        var spec = ReadSpec(config, compile, path);

        ImportedModel imported;
        try
        {
            imported = KerasModelBuilder.Build(spec, null, new KerasBuildOptions { Seed = metadata.Seed, Generation = KerasGeneration.Keras3 });
        }
        catch (KerasImportException e)
        {
            throw FromImport(e, path);
        }

        var model = imported.Model;
        if (model.DType != metadata.DType)
        {
            throw new ModelFileException(path, MetadataMember, "dtype", $"'{DTypeName(metadata.DType)}' but config.json builds a {DTypeName(model.DType)} model");
        }

        var weights = ReadNpz(entries, WeightsMember, path, required: true)!;
        AssignWeights(model, weights, path, WeightsMember, allowByOrder: false);

        if (model.Optimizer is { } optimizer && ReadNpz(entries, OptimizerMember, path, required: false) is { } state)
        {
            RestoreOptimizer(model, optimizer, state, path);
        }

        if (metadata.RandomState is { } random)
        {
            try
            {
                model.SetRandomState(random);
            }
            catch (ArgumentException e)
            {
                throw new ModelFileException(path, MetadataMember, "random_state", e.Message, e);
            }
        }

        return model;
    }

    private sealed record MetadataInfo(int Seed, DType DType, IReadOnlyDictionary<string, int[]>? RandomState);

    private static MetadataInfo ReadMetadata(Dictionary<string, ZipArchiveEntry> entries, string path)
    {
        if (!entries.ContainsKey(MetadataMember))
        {
            string hint = entries.ContainsKey("model.weights.h5")
                ? " (it looks like a Keras .keras archive, whose weights are HDF5: read its architecture with KerasJsonReader)"
                : "";
            throw new ModelFileException(path, MetadataMember, null, "missing: this is not a Convergent model file" + hint);
        }

        var bytes = Member(entries, MetadataMember, path, MaxJsonBytes)!;
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ModelFileException(path, MetadataMember, "$", "expected a JSON object");
            }

            string? format = root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            if (format != FormatName)
            {
                throw new ModelFileException(path, MetadataMember, "$.format", $"expected \"{FormatName}\", got {(format is null ? "nothing" : $"\"{format}\"")}: not a Convergent model file");
            }

            if (!root.TryGetProperty("format_version", out var v) || !v.TryGetInt32(out int version) || version < 1 || version > FormatVersion)
            {
                throw new ModelFileException(path, MetadataMember, "$.format_version", $"expected a version from 1 to {FormatVersion} (a newer Convergent wrote this file?)");
            }

            int seed = root.TryGetProperty("seed", out var s) && s.TryGetInt32(out int seedValue)
                ? seedValue
                : throw new ModelFileException(path, MetadataMember, "$.seed", "expected an integer");
            var dtype = (root.TryGetProperty("dtype", out var d) ? d.GetString() : null) switch
            {
                "float32" => DType.Float32,
                "float64" => DType.Float64,
                var other => throw new ModelFileException(path, MetadataMember, "$.dtype", $"expected \"float32\" or \"float64\", got {other ?? "nothing"}"),
            };

            Dictionary<string, int[]>? random = null;
            if (root.TryGetProperty("random_state", out var r) && r.ValueKind == JsonValueKind.Object)
            {
                random = [];
                foreach (var stream in r.EnumerateObject())
                {
                    if (stream.Value.ValueKind != JsonValueKind.Array || stream.Value.GetArrayLength() > 64 ||
                        stream.Value.EnumerateArray().Any(x => !x.TryGetInt32(out _)))
                    {
                        throw new ModelFileException(path, MetadataMember, $"$.random_state.{stream.Name}", "expected a list of integers");
                    }

                    random[stream.Name] = stream.Value.EnumerateArray().Select(x => x.GetInt32()).ToArray();
                }
            }

            return new MetadataInfo(seed, dtype, random);
        }
        catch (JsonException e)
        {
            throw new ModelFileException(path, MetadataMember, $"line {(e.LineNumber ?? 0) + 1}", "invalid JSON: " + e.Message.Split(" Path:")[0], e);
        }
    }

    /// <summary>config.json with compile.json as its <c>compile_config</c> (where a Keras 3 archive keeps it), read by
    /// the importer.</summary>
    private static KerasModelSpec ReadSpec(string config, string? compile, string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(config, documentOptions: new JsonDocumentOptions { MaxDepth = KerasJsonReader.MaxJsonDepth });
        }
        catch (JsonException e)
        {
            throw new ModelFileException(path, ConfigMember, $"line {(e.LineNumber ?? 0) + 1}", "invalid JSON: " + e.Message.Split(" Path:")[0], e);
        }

        if (root is not JsonObject rootObject)
        {
            throw new ModelFileException(path, ConfigMember, "$", "expected a JSON object");
        }

        if (compile is not null)
        {
            try
            {
                rootObject["compile_config"] = JsonNode.Parse(compile, documentOptions: new JsonDocumentOptions { MaxDepth = KerasJsonReader.MaxJsonDepth });
            }
            catch (JsonException e)
            {
                throw new ModelFileException(path, CompileMember, $"line {(e.LineNumber ?? 0) + 1}", "invalid JSON: " + e.Message.Split(" Path:")[0], e);
            }
        }

        try
        {
            return KerasJsonReader.Read(rootObject.ToJsonString(), Path.GetFileName(path));
        }
        catch (KerasImportException e)
        {
            throw FromImport(e, path);
        }
    }

    /// <summary>An importer error about config.json or compile.json, placed in the member it came from.</summary>
    private static ModelFileException FromImport(KerasImportException e, string path)
    {
        string? jsonPath = e.JsonPath;
        if (jsonPath is not null && jsonPath.StartsWith("$.compile_config", StringComparison.Ordinal))
        {
            return new ModelFileException(path, CompileMember, "$" + jsonPath["$.compile_config".Length..], e.Reason, e);
        }

        return new ModelFileException(path, jsonPath is null && e.Message.Contains("compile", StringComparison.Ordinal) ? CompileMember : ConfigMember,
            jsonPath, e.Reason + (e.Hint is null ? "" : "; " + e.Hint), e);
    }

    private static void RestoreOptimizer(Model model, Optimizer optimizer, OrderedDictionary<string, NpyArray> state, string path)
    {
        if (!state.TryGetValue("iterations", out var iterations))
        {
            throw new ModelFileException(path, OptimizerMember, "iterations", "missing");
        }

        if (iterations.Length != 1 || iterations.DType is not (NpyDType.Int64 or NpyDType.Int32) || iterations.ToDoubleArray()[0] < 0)
        {
            throw new ModelFileException(path, OptimizerMember, "iterations", $"expected one non-negative integer, got {iterations}");
        }

        var byName = model.Weights.ToDictionary(w => w.Name, StringComparer.Ordinal);
        foreach (var (key, array) in state)
        {
            if (key == "iterations")
            {
                continue;
            }

            int slash = key.LastIndexOf('/');
            if (slash <= 0 || !byName.TryGetValue(key[..slash], out var variable))
            {
                throw new ModelFileException(path, OptimizerMember, key, "not a slot of a weight of this model (expected '{weight}/{slot}')");
            }

            if (!array.Shape.AsSpan().SequenceEqual(variable.Shape.AsSpan()))
            {
                throw new ModelFileException(path, OptimizerMember, key,
                    $"shape {Shape.Format(array.Shape)} but weight '{variable.Name}' has shape {variable.Shape}");
            }

            optimizer.SetSlot(variable, key[(slash + 1)..], array.ToTensor(model.DType));
        }

        optimizer.Iterations = iterations.DType == NpyDType.Int64 ? iterations.GetData<long>()[0] : iterations.GetData<int>()[0];
    }

    private static FileStream Open(string path)
    {
        try
        {
            return File.OpenRead(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ModelFileException(path, null, null, "file not found", e);
        }
    }

    private static ZipArchive OpenZip(Stream stream, string path)
    {
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new ModelFileException(path, null, null, $"not a model file (not a valid zip archive, or truncated): {e.Message}", e);
        }
    }

    private static Dictionary<string, ZipArchiveEntry> Entries(ZipArchive zip, string path)
    {
        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        IReadOnlyCollection<ZipArchiveEntry> all;
        try
        {
            all = zip.Entries;   // the central directory is read here
        }
        catch (InvalidDataException e)
        {
            throw new ModelFileException(path, null, null, $"not a model file (a damaged or truncated zip archive): {e.Message}", e);
        }

        foreach (var entry in all)
        {
            if (!entries.TryAdd(entry.FullName, entry))
            {
                throw new ModelFileException(path, entry.FullName, null, "appears twice in the archive");
            }
        }

        return entries;
    }

    /// <summary>The bytes of a member, read with a bound (the zip directory's sizes are only claims).</summary>
    private static byte[]? Member(Dictionary<string, ZipArchiveEntry> entries, string name, string path, long limit, bool required = true)
    {
        if (!entries.TryGetValue(name, out var entry))
        {
            return required ? throw new ModelFileException(path, name, null, "missing from the archive") : null;
        }

        if (entry.Length > limit)
        {
            throw new ModelFileException(path, name, null, $"is {entry.Length:N0} bytes; the limit is {limit:N0}");
        }

        try
        {
            using var es = entry.Open();
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while ((n = es.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + n > limit)
                {
                    throw new ModelFileException(path, name, null, $"decompresses to more than {limit:N0} bytes");
                }

                buffer.Write(chunk, 0, n);
            }

            return buffer.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new ModelFileException(path, name, null, $"corrupt or truncated: {e.Message}", e);
        }
    }

    private static OrderedDictionary<string, NpyArray>? ReadNpz(Dictionary<string, ZipArchiveEntry> entries, string name, string path, bool required)
    {
        var bytes = Member(entries, name, path, MaxArrayBytes, required);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            return Npz.Read(stream, name);
        }
        catch (DataFormatException e)
        {
            throw new ModelFileException(path, name, e.Field, e.Reason, e);
        }
    }
}
