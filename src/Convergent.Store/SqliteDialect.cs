using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Convergent.Store;

/// <summary>
/// SQLite, the default store: one file, in write-ahead-log mode so readers (the dashboard) never block the writer,
/// with a busy timeout so concurrent writers from several processes wait for each other's short transactions
/// instead of failing, and write transactions that take the lock at once (<c>BEGIN IMMEDIATE</c>), so two writers
/// never deadlock upgrading read locks.
/// </summary>
public sealed class SqliteDialect : SqlDialect
{
    /// <summary>How long a writer waits for another's transaction (ms). Transactions last milliseconds; a minute covers
    /// a machine under heavy load.</summary>
    public const int BusyTimeoutMs = 60_000;

    private readonly string _connectionString;

    /// <summary>A store in the SQLite file <paramref name="path"/>; its folder must exist.</summary>
    public SqliteDialect(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMs / 1000,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    public override string Description => Path;

    protected override string IdType => "INTEGER PRIMARY KEY AUTOINCREMENT";   // AUTOINCREMENT: ids never reused, so readers' cursors stay valid
    protected override string RealType => "REAL";
    protected override string BlobType => "BLOB";

    public override DbConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        // journal_mode is persistent in the file; setting it on every open is a no-op once it is WAL
        cmd.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
        cmd.ExecuteNonQuery();
        return c;
    }

    public override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    public override void LockForMigration(DbConnection connection, DbTransaction transaction) { }   // BEGIN IMMEDIATE holds the write lock

    public override StoreException? Explain(Exception error) => error switch
    {
        SqliteException { SqliteErrorCode: 26 } => new StoreException($"{Path}: not a SQLite database (expected a run store, e.g. runs.db)", error),
        SqliteException { SqliteErrorCode: 14 } => new StoreException($"{Path}: cannot open the SQLite file (does its folder exist and is it writable?)", error),
        SqliteException { SqliteErrorCode: 8 } => new StoreException($"{Path}: the SQLite file is read-only", error),
        _ => null,
    };

    /// <summary>Closes the pooled connections to this file (so it can be deleted or moved).</summary>
    public override void Dispose() => SqliteConnection.ClearAllPools();
}
