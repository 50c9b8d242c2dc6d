using System.Data.Common;

namespace Convergent.Store;

/// <summary>
/// What differs between the databases the store runs on; everything else (<see cref="Schema"/>, the statements,
/// the row mapping) is shared by <see cref="RunStore"/>. Statements use <c>@name</c> parameters and
/// <c>INSERT … RETURNING id</c>, which both SQLite (≥ 3.35) and PostgreSQL accept.
/// </summary>
public abstract class SqlDialect : IDisposable
{
    /// <summary>The target for messages (never a password).</summary>
    public abstract string Description { get; }

    /// <summary>Opens a connection ready for use (session settings applied).</summary>
    public abstract DbConnection Open();

    /// <summary>Starts a write transaction that takes the write lock at once (no lock upgrade half-way).</summary>
    public abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>Within <paramref name="transaction"/>, waits until no other process is migrating the schema.</summary>
    public abstract void LockForMigration(DbConnection connection, DbTransaction transaction);

    /// <summary>An auto-increasing 64-bit primary key column type.</summary>
    protected abstract string IdType { get; }

    /// <summary>A 64-bit floating-point column type.</summary>
    protected abstract string RealType { get; }

    /// <summary>A byte-string column type.</summary>
    protected abstract string BlobType { get; }

    /// <summary>Fills a schema statement's type placeholders.</summary>
    public string Fill(string statement) =>
        statement.Replace("{id}", IdType, StringComparison.Ordinal)
                 .Replace("{real}", RealType, StringComparison.Ordinal)
                 .Replace("{blob}", BlobType, StringComparison.Ordinal);

    /// <summary>Turns a driver error on opening into a <see cref="StoreException"/> naming the target, or null when it is
    /// not an error about the target.</summary>
    public abstract StoreException? Explain(Exception error);

    /// <summary>Releases pooled connections.</summary>
    public virtual void Dispose() { }
}
