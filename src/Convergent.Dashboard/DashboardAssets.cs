using System.Collections.Frozen;

namespace Convergent.Dashboard;

/// <summary>
/// The dashboard's pages, script and style, compiled into the assembly (no CDN: it works offline). Only the names
/// listed here are served — a request for any other name, including every <c>..</c> or encoded-slash trick, is a
/// 404 without touching the file system.
/// </summary>
public static class DashboardAssets
{
    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["run.html"] = "text/html; charset=utf-8",
        ["dashboard.js"] = "text/javascript; charset=utf-8",
        ["charts.js"] = "text/javascript; charset=utf-8",
        ["dashboard.css"] = "text/css; charset=utf-8",
        ["favicon.svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, byte[]> Contents = ContentTypes.Keys.ToFrozenDictionary(n => n, Load, StringComparer.Ordinal);

    /// <summary>The names that are served.</summary>
    public static IEnumerable<string> Names => ContentTypes.Keys;

    /// <summary>The asset named exactly <paramref name="name"/>, or null.</summary>
    public static (byte[] Bytes, string ContentType)? Find(string name) =>
        Contents.TryGetValue(name, out var bytes) ? (bytes, ContentTypes[name]) : null;

    private static byte[] Load(string name)
    {
        using var s = typeof(DashboardAssets).Assembly.GetManifestResourceStream("Convergent.Dashboard.Assets." + name)
            ?? throw new InvalidOperationException($"The dashboard asset '{name}' is not embedded in the assembly.");
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }
}
