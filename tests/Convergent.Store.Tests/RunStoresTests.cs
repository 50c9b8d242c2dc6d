using Npgsql;

namespace Convergent.Store.Tests;

/// <summary>Targets as the CLI's --store takes them, and the clear errors for bad ones.</summary>
public class RunStoresTests
{
    [Fact]
    public void Dialect_PostgresUrl_BecomesAConnectionString()
    {
        var b = new NpgsqlConnectionStringBuilder(RunStores.FromUrl("postgres://ann:p%40ss@db.example:5433/runs?sslmode=disable"));
        Assert.Equal("db.example", b.Host);
        Assert.Equal(5433, b.Port);
        Assert.Equal("ann", b.Username);
        Assert.Equal("p@ss", b.Password);
        Assert.Equal("runs", b.Database);
        Assert.Equal(SslMode.Disable, b.SslMode);
        Assert.IsType<PostgresDialect>(RunStores.Dialect("postgresql://ann@db.example/runs"));
        Assert.IsType<PostgresDialect>(RunStores.Dialect("Host=db.example;Database=runs"));
        Assert.IsType<SqliteDialect>(RunStores.Dialect(Path.Combine(Path.GetTempPath(), "x.db")));
    }

    [Fact]
    public void Description_NeverShowsThePassword()
    {
        var d = RunStores.Dialect("postgres://ann:secret@db.example/runs");
        Assert.Equal("postgres://ann@db.example:5432/runs", d.Description);
        Assert.Equal("postgres://ann:***@db.example/runs", RunStores.Redact("postgres://ann:secret@db.example/runs"));
        Assert.Equal("Host=h;Password=***;Database=d", RunStores.Redact("Host=h;Password=secret;Database=d"));
    }

    [Fact]
    public void Open_Folder_MissingFolder_NotSqlite_AreStoreErrorsNamingThePath()
    {
        using var t = TestStore.Sqlite();
        string folder = Path.GetDirectoryName(t.Target)!;
        Assert.Contains("is a folder", Assert.Throws<StoreException>(() => RunStores.Open(folder)).Message);
        string missing = Path.Combine(folder, "no", "such", "runs.db");
        Assert.Contains("does not exist", Assert.Throws<StoreException>(() => RunStores.Open(missing)).Message);
        string text = Path.Combine(folder, "notes.db");
        File.WriteAllText(text, "these are my notes, not a database, and they are long enough to fill a header page....");
        var e = Assert.Throws<StoreException>(() => RunStores.Open(text));
        Assert.Contains("not a SQLite database", e.Message);
        Assert.Contains(text, e.Message);
    }

    [Fact]
    public void Open_UnreachablePostgres_IsAStoreErrorWithoutThePassword()
    {
        // port 1 on loopback: nothing listens there, so the connection is refused at once
        var e = Assert.Throws<StoreException>(() => RunStores.Open("Host=127.0.0.1;Port=1;Username=u;Password=secret;Database=d;Timeout=5"));
        Assert.Contains("127.0.0.1:1", e.Message);
        Assert.DoesNotContain("secret", e.Message);
    }

    [Fact]
    public void Open_BadUrl_IsAStoreError()
    {
        Assert.Throws<StoreException>(() => RunStores.Open("postgres://"));
        Assert.Throws<StoreException>(() => RunStores.Open("Host=h;Bogus Key=1"));
    }

    [Fact]
    public void DefaultPath_FollowsConvergentHome()
    {
        string? old = Environment.GetEnvironmentVariable(RunStores.HomeVariable);
        try
        {
            Environment.SetEnvironmentVariable(RunStores.HomeVariable, "/tmp/some-home");
            Assert.Equal("/tmp/some-home/runs.db", RunStores.DefaultPath());
            Environment.SetEnvironmentVariable(RunStores.HomeVariable, null);
            Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".convergent", "runs.db"), RunStores.DefaultPath());
        }
        finally { Environment.SetEnvironmentVariable(RunStores.HomeVariable, old); }
    }
}
