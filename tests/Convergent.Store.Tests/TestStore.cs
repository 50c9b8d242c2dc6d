using Npgsql;

namespace Convergent.Store.Tests;

/// <summary>
/// A fresh, empty store for one test: a SQLite file in a temporary folder, or a PostgreSQL schema of its own in the
/// test database (<c>CONVERGENT_TEST_POSTGRES</c>, default: what .ci/setup/postgres.sh creates), dropped afterwards.
/// A PostgreSQL that cannot be reached fails the test, saying how to start it — it never passes silently.
/// </summary>
internal sealed class TestStore : IDisposable
{
    public const string PostgresVariable = "CONVERGENT_TEST_POSTGRES";
    public const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=convergent;Password=convergent;Database=convergent_test";

    public static TheoryData<string> Kinds => ["sqlite", "postgres"];

    private readonly string? _folder;
    private readonly string? _schema;

    private TestStore(string target, string? folder, string? schema)
    {
        Target = target;
        _folder = folder;
        _schema = schema;
    }

    /// <summary>The --store target of this store.</summary>
    public string Target { get; }

    public static string PostgresConnectionString => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } s ? s : DefaultPostgres;

    public static TestStore Create(string kind) => kind switch
    {
        "sqlite" => Sqlite(),
        "postgres" => Postgres(),
        _ => throw new ArgumentException(kind),
    };

    public static TestStore Sqlite()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"convergent-store-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return new TestStore(Path.Combine(folder, "runs.db"), folder, null);
    }

    public static TestStore Postgres()
    {
        string schema = $"t_{Guid.NewGuid():N}";
        AdminExecute($"CREATE SCHEMA {schema}");
        var b = new NpgsqlConnectionStringBuilder(PostgresConnectionString) { SearchPath = schema, Pooling = true };
        return new TestStore(b.ConnectionString, null, schema);
    }

    public RunStore Open() => RunStores.Open(Target);

    private static void AdminExecute(string sql)
    {
        try
        {
            using var c = new NpgsqlConnection(PostgresConnectionString);
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            Assert.Fail($"PostgreSQL is not reachable with {PostgresVariable}='{RunStores.Redact(PostgresConnectionString)}' ({e.Message}). "
                + "Run .ci/setup/postgres.sh (as root) to install and start it, or point CONVERGENT_TEST_POSTGRES at a server.");
        }
    }

    public void Dispose()
    {
        if (_schema is not null)
        {
            NpgsqlConnection.ClearAllPools();
            AdminExecute($"DROP SCHEMA IF EXISTS {_schema} CASCADE");
        }
        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        }
    }
}
