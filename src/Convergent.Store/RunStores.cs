using System.Text.RegularExpressions;
using Npgsql;

namespace Convergent.Store;

/// <summary>
/// Opens a store from a target as the CLI takes it (<c>--store TARGET</c>): a PostgreSQL URL
/// (<c>postgres://user:pw@host[:port]/db</c>) or connection string (<c>Host=…;Database=…</c>), else a SQLite file
/// path. Without a target: <c>$CONVERGENT_HOME/runs.db</c>, or <c>~/.convergent/runs.db</c>.
/// </summary>
public static partial class RunStores
{
    /// <summary>The environment variable naming the folder of the default store.</summary>
    public const string HomeVariable = "CONVERGENT_HOME";

    /// <summary>The default store file: <c>$CONVERGENT_HOME/runs.db</c>, or <c>~/.convergent/runs.db</c>.</summary>
    public static string DefaultPath()
    {
        string? home = Environment.GetEnvironmentVariable(HomeVariable);
        if (string.IsNullOrWhiteSpace(home))
        {
            string user = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (string.IsNullOrEmpty(user)) throw new StoreException($"no home folder to keep the run store in: set {HomeVariable} or give --store FILE");
            home = Path.Combine(user, ".convergent");
        }
        return Path.Combine(home, "runs.db");
    }

    /// <summary>Opens (creating when needed) the store <paramref name="target"/> names; null or empty: the default file.</summary>
    public static RunStore Open(string? target)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            string path = DefaultPath();
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return new RunStore(new SqliteDialect(path));
        }
        return new RunStore(Dialect(target));
    }

    /// <summary>The dialect for a target (throws <see cref="StoreException"/> naming what is wrong with it).</summary>
    public static SqlDialect Dialect(string target)
    {
        if (IsPostgresUrl(target)) return new PostgresDialect(FromUrl(target));
        if (LooksLikeConnectionString(target)) return new PostgresDialect(target);
        string full;
        try { full = Path.GetFullPath(target); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new StoreException($"--store: '{target}' is neither a SQLite file path nor a PostgreSQL connection string ({e.Message})", e);
        }
        if (Directory.Exists(full)) throw new StoreException($"--store: {full} is a folder; give a SQLite file such as {Path.Combine(full, "runs.db")}");
        string? dir = Path.GetDirectoryName(full);
        if (dir is null || !Directory.Exists(dir)) throw new StoreException($"--store: the folder of {full} does not exist");
        return new SqliteDialect(full);
    }

    private static bool IsPostgresUrl(string target) =>
        target.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    private static bool LooksLikeConnectionString(string target) => HostKey().IsMatch(target);

    [GeneratedRegex(@"(^|;)\s*(Host|Server)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex HostKey();

    /// <summary>An Npgsql connection string from <c>postgres://user:password@host[:port]/database[?key=value&amp;…]</c>.</summary>
    public static string FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new StoreException($"--store: '{Redact(url)}' is not a valid PostgreSQL URL (expected postgres://user:password@host[:port]/database)");
        var b = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (uri.Port > 0) b.Port = uri.Port;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2) b.Password = Uri.UnescapeDataString(parts[1]);
        }
        string db = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (db.Length > 0) b.Database = db;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            string key = Uri.UnescapeDataString(kv[0]);
            string value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            try { b[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key] = value; }
            catch (ArgumentException e) { throw new StoreException($"--store: unknown PostgreSQL URL option '{key}': {e.Message}", e); }
        }
        return b.ConnectionString;
    }

    /// <summary>The target with any password replaced by <c>***</c>, for messages.</summary>
    public static string Redact(string target) => PasswordPart().Replace(target, m => m.Groups[1].Value + "***");

    [GeneratedRegex(@"((?:password|pwd)\s*=\s*)[^;]*|(?<=://[^:/@]*:)[^@]*(?=@)", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordPart();
}
