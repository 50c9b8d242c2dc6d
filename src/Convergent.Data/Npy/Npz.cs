using System.IO.Compression;

namespace Convergent.Data;

/// <summary>
/// Reads and writes numpy <c>.npz</c> archives: a ZIP file with one <c>.npy</c> member per array, stored
/// (<c>numpy.savez</c>) or deflate-compressed (<c>numpy.savez_compressed</c>). Array names are the member names
/// without the <c>.npy</c> extension, in archive order.
/// </summary>
public static class Npz
{
    /// <summary>Reads every array of the archive, keyed by name, in archive order.</summary>
    public static OrderedDictionary<string, NpyArray> Read(string path)
    {
        FileStream fs;
        try { fs = File.OpenRead(path); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFormatException(path, "file not found", inner: e);
        }
        using (fs) return Read(fs, path);
    }

    /// <summary>Reads every array of an archive held in <paramref name="stream"/>; <paramref name="sourceName"/>
    /// names it in errors.</summary>
    public static OrderedDictionary<string, NpyArray> Read(Stream stream, string sourceName)
    {
        ZipArchive zip;
        try { zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true); }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(sourceName, $"not a valid .npz (ZIP) archive: {e.Message}", inner: e);
        }
        using (zip)
        {
            var result = new OrderedDictionary<string, NpyArray>();
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/')) continue;
                string name = entry.FullName.EndsWith(".npy", StringComparison.Ordinal) ? entry.FullName[..^4] : entry.FullName;
                string member = $"{Path.GetFileName(sourceName)}[{entry.FullName}]";
                if (result.ContainsKey(name))
                    throw new DataFormatException(member, $"duplicate array name '{name}' in the archive", field: entry.FullName);
                try
                {
                    using var es = entry.Open();
                    // The ZIP directory's uncompressed size is only a claim; the reader re-checks against the bytes
                    // that really decompress, so a lying directory cannot force a large allocation.
                    var array = Npy.ReadCore(es, member, null);
                    if (es.ReadByte() >= 0)
                        throw new DataFormatException(member, "unexpected bytes follow the array data", field: entry.FullName);
                    result.Add(name, array);
                }
                catch (InvalidDataException e)
                {
                    throw new DataFormatException(member, $"corrupt compressed data: {e.Message}", field: entry.FullName, inner: e);
                }
            }
            return result;
        }
    }

    /// <summary>Writes the arrays as <c>name.npy</c> members, deflate-compressed when <paramref name="compressed"/>
    /// (like <c>numpy.savez_compressed</c>), else stored (like <c>numpy.savez</c>). Written atomically.</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, NpyArray>> arrays, bool compressed = false)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        var list = arrays.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, array) in list)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException("Array names must be non-empty.", nameof(arrays));
            if (!seen.Add(name)) throw new ArgumentException($"Duplicate array name '{name}'.", nameof(arrays));
            ArgumentNullException.ThrowIfNull(array);
        }
        StreamUtil.WriteAtomically(path, fs =>
        {
            using var zip = new ZipArchive(fs, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var (name, array) in list)
            {
                var entry = zip.CreateEntry(name + ".npy", compressed ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
                using var es = entry.Open();
                Npy.Write(es, array);
            }
        });
    }
}
