using System.Diagnostics;
using Convergent.Store;

namespace Convergent.Cli.Tests;

/// <summary><c>--store</c>, <c>--no-store</c> and <c>runs</c>: doctor and train runs land in the run store.</summary>
[Collection("cli")]
public sealed class StoreCommandTests
{
    private static readonly string Story5 = Repo.P("examples/05-two-curves/model.py");

    // stores in the test home folder (TestHome), which the test run's temporary folder holds
    private static string TempStore() => Path.Combine(TestHome.Folder, $"store-{Guid.NewGuid():N}.db");

    [Fact]
    public void Doctor_WithStore_RecordsTheRunAsTheReportSaysIt()
    {
        string db = TempStore(), json = Path.GetTempFileName();
        var (exit, output, err) = CliRunner.Run("doctor", Story5, "--data", "builtin:two-curves", "--epochs", "3", "--json", json, "--store", db);
        Assert.True(exit == 0, err);
        Assert.Contains($"recorded in {db}", output);
        using var store = RunStores.Open(db);
        var run = Assert.Single(store.ListRuns());
        var report = Repo.Json(json);
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal("doctor", run.Kind);
        Assert.Equal(Story5, run.ModelPath);
        Assert.Equal("builtin:two-curves", run.DataSpec);
        Assert.Equal(1337, run.Seed);
        Assert.Equal(3, run.Epochs);
        Assert.Equal(report.GetProperty("verdict").GetString(), run.Verdict);
        var lastEpoch = report.GetProperty("training").GetProperty("epochs")[2];
        Assert.Equal(lastEpoch.GetProperty("loss").GetDouble(), run.FinalLoss!.Value, 12);
        Assert.Equal(Repo.Codes(report), store.ReadFindings(run.Id).Select(f => f.Code));
        Assert.Contains("\"epochs\":3", run.ConfigJson);
        Assert.Contains("dense", run.ModelJson);
        // the doctor's per-layer series are there, step by step
        var grad = store.ReadSeries(run.Id, series: "gradient_norm").Where(c => c.Layer != "").SelectMany(c => c.Steps).ToArray();
        Assert.NotEmpty(grad);
        Assert.Equal(run.Steps, store.ReadSeries(run.Id, layer: "", series: "loss").Sum(c => c.Steps.Length));
        File.Delete(json);
    }

    [Fact]
    public void Doctor_WithTrialFixes_StoresTheTrialWithItsFix()
    {
        string db = TempStore(), json = Path.Combine(TestHome.Folder, $"trial-{Guid.NewGuid():N}.json");
        var (exit, _, err) = CliRunner.Run("doctor", Repo.P("suite/cases/lr-too-high-adam/model.py"), "--data", "builtin:blobs",
            "--trial-fixes", "1", "--quiet", "--json", json, "--store", db);
        Assert.True(exit == 0, err);
        using var store = RunStores.Open(db);
        var run = Assert.Single(store.ListRuns());
        var stored = store.ReadFindings(run.Id).Single(f => f.Code == "LR_TOO_HIGH");
        var storedTrial = System.Text.Json.JsonDocument.Parse(stored.FixesJson).RootElement.EnumerateArray()
            .Single(x => x.TryGetProperty("trial", out _)).GetProperty("trial");
        var reported = Repo.Json(json).GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "LR_TOO_HIGH")
            .GetProperty("fixes").EnumerateArray().Single(x => x.TryGetProperty("trial", out _)).GetProperty("trial");
        Assert.Equal(reported.GetProperty("outcome").GetString(), storedTrial.GetProperty("outcome").GetString());
        Assert.Equal(reported.GetProperty("change").GetString(), storedTrial.GetProperty("change").GetString());
        Assert.Equal(reported.GetProperty("loss_after").GetDouble(), storedTrial.GetProperty("loss_after").GetDouble());
    }

    [Fact]
    public void Doctor_WithoutStoreOption_RecordsIntoConvergentHome_AndNoStoreRecordsNothing()
    {
        string home = Path.Combine(TestHome.Folder, "runs.db");
        int before = File.Exists(home) ? Count(home) : 0;
        var (exit, _, err) = CliRunner.Run("doctor", Story5, "--data", "builtin:two-curves", "--epochs", "1", "--quiet");
        Assert.True(exit == 0, err);
        Assert.Equal(before + 1, Count(home));
        (exit, _, err) = CliRunner.Run("doctor", Story5, "--data", "builtin:two-curves", "--epochs", "1", "--quiet", "--no-store");
        Assert.True(exit == 0, err);
        Assert.Equal(before + 1, Count(home));
    }

    private static int Count(string db)
    {
        using var s = RunStores.Open(db);
        return s.ListRuns(10_000).Count;
    }

    [Fact]
    public void Doctor_BadStore_ExitsTwoBeforeTrainingWithOneClearMessage()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"convergent-nofolder-{Guid.NewGuid():N}", "runs.db");
        var (exit, output, err) = CliRunner.Run("doctor", Story5, "--data", "builtin:two-curves", "--epochs", "50", "--store", folder);
        Assert.Equal(2, exit);
        Assert.Contains("does not exist", err);
        Assert.DoesNotContain("Epoch 1/", output);
        Assert.DoesNotContain("   at ", err);

        string notDb = Path.GetTempFileName();
        File.WriteAllText(notDb, new string('x', 4096));
        (exit, _, err) = CliRunner.Run("train", "builtin:iris", "--epochs", "1", "--store", notDb);
        Assert.Equal(2, exit);
        Assert.Contains("not a SQLite database", err);

        (exit, _, err) = CliRunner.Run("train", "builtin:iris", "--epochs", "1", "--store", "Host=127.0.0.1;Port=1;Username=u;Password=hush;Database=d");
        Assert.Equal(2, exit);
        Assert.Contains("cannot reach the PostgreSQL server", err);
        Assert.DoesNotContain("hush", err);
        File.Delete(notDb);
    }

    [Fact]
    public void Train_WithStore_ThenRunsListsIt()
    {
        string db = TempStore();
        var (exit, output, err) = CliRunner.Run("train", "builtin:iris", "--epochs", "2", "--batch-size", "16", "--threads", "1", "--store", db);
        Assert.True(exit == 0, err);
        Assert.Contains("recorded in", output);
        (exit, output, err) = CliRunner.Run("runs", "--store", db);
        Assert.True(exit == 0, err);
        Assert.Contains("completed", output);
        Assert.Contains("builtin:iris", output);
        (exit, output, _) = CliRunner.Run("runs", "--store", db, "--json");
        Assert.Equal(0, exit);
        var runs = System.Text.Json.JsonDocument.Parse(output).RootElement;
        Assert.Equal(1, runs.GetArrayLength());
        Assert.Equal("train", runs[0].GetProperty("kind").GetString());
        Assert.Equal(2, runs[0].GetProperty("epochs").GetInt32());
        Assert.InRange(runs[0].GetProperty("accuracy").GetDouble(), 0, 1);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void Train_ConcurrentProcesses_AllRunsArrive(string kind)
    {
        // real processes, as several terminals (or machines) training at once: each opens the store on its own
        using var target = kind == "sqlite" ? null : new PostgresSchema();
        string store = target?.Url ?? TempStore();
        string cli = Path.Combine(AppContext.BaseDirectory, "convergent.dll");
        const int processes = 3, epochs = 3;
        var started = Enumerable.Range(0, processes).Select(i =>
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { cli, "train", "builtin:iris", "--epochs", $"{epochs}", "--batch-size", "8", "--threads", "1", "--seed", $"{i}", "--store", store })
                psi.ArgumentList.Add(a);
            return Process.Start(psi)!;
        }).ToList();
        foreach (var p in started)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            string err = p.StandardError.ReadToEnd();
            Assert.True(p.WaitForExit(TimeSpan.FromMinutes(5)), "a training process did not finish");
            Assert.True(p.ExitCode == 0, err + stdout.Result);
        }
        using var s = RunStores.Open(store);
        var runs = s.ListRuns();
        Assert.Equal(processes, runs.Count);
        Assert.Equal([0L, 1, 2], runs.Select(r => r.Seed!.Value).Order());
        foreach (var r in runs)
        {
            Assert.Equal(RunStatus.Completed, r.Status);
            Assert.Equal(epochs, r.Epochs);
            Assert.Equal(epochs * 5, s.ReadEpochs(r.Id).Count);   // loss, accuracy, val_loss, val_accuracy, lr per epoch
            var steps = s.ReadSeries(r.Id, layer: "", series: "loss").SelectMany(c => c.Steps).ToArray();
            Assert.Equal(Enumerable.Range(0, (int)r.Steps).Select(x => (long)x), steps);
        }
    }

    [Fact]
    public void Serve_NonLoopbackHostWithoutAllowRemote_ExitsTwoSayingSo()
    {
        var (exit, output, err) = CliRunner.Run("serve", "--host", "0.0.0.0", "--port", "0", "--store", TempStore());
        Assert.Equal(2, exit);
        Assert.Contains("--allow-remote", err);
        Assert.DoesNotContain("dashboard on", output);
        (exit, _, err) = CliRunner.Run("serve", "--host", "example.com", "--port", "0", "--store", TempStore());
        Assert.Equal(2, exit);
        Assert.Contains("--host must be an IP address", err);
    }

    [Fact]
    public void Runs_EmptyStore_SaysSo_AndBadLimitExitsTwo()
    {
        string db = TempStore();
        var (exit, output, _) = CliRunner.Run("runs", "--store", db);
        Assert.Equal(0, exit);
        Assert.Contains("No runs in", output);
        (exit, _, var err) = CliRunner.Run("runs", "--store", db, "--limit", "0");
        Assert.Equal(2, exit);
        Assert.Contains("--limit", err);
    }

    [Fact]
    public void Train_WithPostgresUrl_RecordsTheRunThere()
    {
        using var pg = new PostgresSchema();
        var (exit, output, err) = CliRunner.Run("train", "builtin:iris", "--epochs", "2", "--threads", "1", "--store", pg.Url);
        Assert.True(exit == 0, err);
        Assert.Contains($"recorded in postgres://{pg.Builder.Username}@{pg.Builder.Host}:{pg.Builder.Port}/{pg.Builder.Database} (schema {pg.Schema})", output);
        Assert.DoesNotContain($":{pg.Builder.Password}@", output);
        using var store = RunStores.Open(pg.Url);
        var run = Assert.Single(store.ListRuns());
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(2, run.Epochs);
        Assert.Equal("builtin:iris", run.DataSpec);
    }

    /// <summary>A schema of its own on the test PostgreSQL (.ci/setup/postgres.sh, or CONVERGENT_TEST_POSTGRES), as a
    /// postgres:// URL; dropped afterwards. An unreachable server fails the test saying how to start it.</summary>
    private sealed class PostgresSchema : IDisposable
    {
        public Npgsql.NpgsqlConnectionStringBuilder Builder { get; } = new(Environment.GetEnvironmentVariable("CONVERGENT_TEST_POSTGRES") is { Length: > 0 } cs ? cs
            : "Host=127.0.0.1;Port=5432;Username=convergent;Password=convergent;Database=convergent_test");

        public string Schema { get; } = $"cli_{Guid.NewGuid():N}";

        public string Url => $"postgres://{Uri.EscapeDataString(Builder.Username!)}:{Uri.EscapeDataString(Builder.Password!)}@{Builder.Host}:{Builder.Port}/{Builder.Database}?Search%20Path={Schema}";

        public PostgresSchema() => Admin($"CREATE SCHEMA {Schema}");

        private void Admin(string sql)
        {
            try
            {
                using var c = new Npgsql.NpgsqlConnection(Builder.ConnectionString);
                c.Open();
                using var cmd = c.CreateCommand();
                cmd.CommandText = sql;
                cmd.ExecuteNonQuery();
            }
            catch (Npgsql.NpgsqlException e)
            {
                Assert.Fail($"PostgreSQL is not reachable at {Builder.Host}:{Builder.Port} ({e.Message}): run .ci/setup/postgres.sh (as root) first.");
            }
        }

        public void Dispose()
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            Admin($"DROP SCHEMA IF EXISTS {Schema} CASCADE");
        }
    }
}
