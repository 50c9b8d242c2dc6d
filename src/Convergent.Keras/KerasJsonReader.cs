using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Convergent.Keras.Json;

namespace Convergent.Keras;

/// <summary>
/// Reads a Keras model saved as JSON (<c>model.to_json()</c> from Keras 1, 2.x, tf.keras or Keras 3) or as a
/// <c>.keras</c> archive (its <c>config.json</c>), normalized to the same <see cref="LayerSpec"/>s as scripts.
/// Weights are not loaded. Errors name the file and the JSON path of the offending value.
/// </summary>
public static class KerasJsonReader
{
    /// <summary>Largest JSON text accepted (a Sequential config is kilobytes; weights are never in it).</summary>
    public const int MaxJsonChars = 16 << 20;

    /// <summary>JSON nesting limit: Keras configs nest about six levels deep.</summary>
    public const int MaxJsonDepth = 64;

    /// <summary>Reads <c>model.to_json()</c> text.</summary>
    /// <exception cref="KerasImportException">Invalid JSON, unsupported layer, or an invalid value.</exception>
    public static KerasModelSpec Read(string json, string fileName = "model.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxJsonChars)
        {
            throw new KerasImportException(fileName, 0, 0, "", $"JSON is {json.Length:N0} characters; the importer reads up to {MaxJsonChars:N0}", jsonPath: "$");
        }

        using var document = Parse(json, fileName);
        return new JsonModelParser(fileName).Parse(document.RootElement, ModelSourceKind.KerasJson, null);
    }

    /// <summary>Reads a JSON file or a <c>.keras</c> archive (chosen by content: archives are zip files).</summary>
    /// <exception cref="KerasImportException">The file cannot be imported.</exception>
    public static KerasModelSpec ReadFile(string path)
    {
        string name = Path.GetFileName(path);
        using var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        int read = stream.Read(magic);
        stream.Position = 0;
        if (read == 2 && magic[0] == (byte)'P' && magic[1] == (byte)'K')
        {
            return ReadArchive(stream, name);
        }

        if (stream.Length > MaxJsonChars * 4L)
        {
            throw new KerasImportException(name, 0, 0, "", $"file is {stream.Length:N0} bytes; the importer reads JSON up to {MaxJsonChars:N0} characters", jsonPath: "$");
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Read(reader.ReadToEnd(), name);
    }

    /// <summary>Reads a <c>.keras</c> archive: <c>config.json</c> for the model, <c>metadata.json</c> for the
    /// Keras version; a warning says the weights (<c>model.weights.h5</c>) are not loaded.</summary>
    /// <exception cref="KerasImportException">Not a valid archive, or its config cannot be imported.</exception>
    public static KerasModelSpec ReadArchive(Stream archive, string fileName = "model.keras")
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new KerasImportException(fileName, 0, 0, "", $"not a valid .keras archive: {e.Message}");
        }

        using (zip)
        {
            var configEntry = zip.GetEntry("config.json") ??
                              throw new KerasImportException(fileName, 0, 0, "", ".keras archive has no config.json");
            string config = ReadEntry(configEntry, fileName);
            string? version = null;
            if (zip.GetEntry("metadata.json") is { } metadataEntry)
            {
                using var metadata = Parse(ReadEntry(metadataEntry, fileName), fileName + "/metadata.json");
                if (metadata.RootElement.ValueKind == JsonValueKind.Object &&
                    metadata.RootElement.TryGetProperty("keras_version", out var v) && v.ValueKind == JsonValueKind.String)
                {
                    version = v.GetString();
                }
            }

            using var document = Parse(config, fileName + "/config.json");
            var parser = new JsonModelParser(fileName + "/config.json");
            var spec = parser.Parse(document.RootElement, ModelSourceKind.KerasArchive, version);
            var weights = zip.GetEntry("model.weights.h5");
            string note = weights is null
                ? "the archive has no model.weights.h5; the model starts from fresh initial weights"
                : $"weights in model.weights.h5 ({weights.Length:N0} bytes) are not loaded; the model starts from fresh initial weights";
            return spec with
            {
                SourceFile = fileName,
                Warnings = [.. spec.Warnings, new KerasImportWarning(null, note)],
            };
        }
    }

    private static string ReadEntry(ZipArchiveEntry entry, string fileName)
    {
        // The declared size can lie (zip bombs), so the copy is bounded while reading, not only checked before.
        if (entry.Length > MaxJsonChars * 4L)
        {
            throw new KerasImportException(fileName, 0, 0, "", $"{entry.FullName} is {entry.Length:N0} bytes; the importer reads up to {MaxJsonChars * 4L:N0}");
        }

        using var stream = entry.Open();
        using var bounded = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (bounded.Length + n > MaxJsonChars * 4L)
            {
                throw new KerasImportException(fileName, 0, 0, "", $"{entry.FullName} is larger than the importer's limit");
            }

            bounded.Write(buffer, 0, n);
        }

        var bytes = bounded.GetBuffer().AsSpan(0, (int)bounded.Length);
        return Encoding.UTF8.GetString(bytes.StartsWith(Encoding.UTF8.Preamble) ? bytes[3..] : bytes);
    }

    private static JsonDocument Parse(string json, string fileName)
    {
        // Editors on Windows save JSON with a byte-order mark; JSON itself does not allow one.
        json = json.TrimStart('\uFEFF');
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxJsonDepth, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            int line = (int)(e.LineNumber ?? 0) + 1;
            int column = (int)(e.BytePositionInLine ?? 0) + 1;
            string reason = e.Message.Contains("maximum configured depth", StringComparison.Ordinal)
                ? $"JSON nested deeper than {MaxJsonDepth} levels"
                : "invalid JSON: " + e.Message.Split(" Path:")[0].Split(" LineNumber:")[0];
            throw new KerasImportException(fileName, line, column, "", reason);
        }
    }
}
