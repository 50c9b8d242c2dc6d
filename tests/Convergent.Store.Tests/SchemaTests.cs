using Microsoft.Data.Sqlite;

namespace Convergent.Store.Tests;

public class SchemaTests
{
    [Fact]
    public void Schema_MigrationsFillEveryTypePlaceholder_InBothDialects()
    {
        using var t = TestStore.Sqlite();
        var dialects = new SqlDialect[] { new SqliteDialect(t.Target), new PostgresDialect(TestStore.DefaultPostgres) };
        foreach (var d in dialects)
            foreach (var statement in Schema.Migrations.SelectMany(m => m))
                Assert.DoesNotContain("{", d.Fill(statement));
        Assert.Contains("BYTEA", dialects[1].Fill(Schema.Migrations[0][3]));
        Assert.Contains("BLOB", dialects[0].Fill(Schema.Migrations[0][3]));
    }

    [Fact]
    public void Open_StoreFromANewerConvergent_IsRefusedNamingBothVersions()
    {
        using var t = TestStore.Sqlite();
        using (t.Open()) { }
        using (var c = new SqliteConnection($"Data Source={t.Target};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"INSERT INTO schema_version (version, applied_at) VALUES ({Schema.Version + 1}, 'later')";
            cmd.ExecuteNonQuery();
        }
        var e = Assert.Throws<StoreException>(() => t.Open());
        Assert.Contains($"schema version {Schema.Version + 1}", e.Message);
        Assert.Contains("update convergent", e.Message);
    }

    [Fact]
    public void Sqlite_IsInWriteAheadLogMode()
    {
        using var t = TestStore.Sqlite();
        using (t.Open()) { }
        using var c = new SqliteConnection($"Data Source={t.Target};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", cmd.ExecuteScalar());
    }
}
