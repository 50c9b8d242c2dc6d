namespace Convergent.Store.Tests;

/// <summary>What goes into a store comes back out, the same in both dialects.</summary>
public class RunStoreTests
{
    private static RunStart Start(string model = "model.py") => new("doctor", model, "builtin:iris")
    {
        Seed = 42,
        ConfigJson = """{"command":{"epochs":3}}""",
        Host = "test-host",
        StartedAt = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero),
    };

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public void CreateRun_ThenGetRun_ReturnsTheConfigurationAsRunning(string kind)
    {
        using var t = TestStore.Create(kind);
        using var store = t.Open();
        long id = store.CreateRun(Start());
        var run = store.GetRun(id)!;
        Assert.Equal(RunStatus.Running, run.Status);
        Assert.Equal("doctor", run.Kind);
        Assert.Equal("model.py", run.ModelPath);
        Assert.Equal("builtin:iris", run.DataSpec);
        Assert.Equal(42, run.Seed);
        Assert.Equal("test-host", run.Host);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero), run.StartedAt);
        Assert.Equal("""{"command":{"epochs":3}}""", run.ConfigJson);
        Assert.Null(run.EndedAt);
        Assert.Equal(0, run.Epochs);
        Assert.Null(store.GetRun(id + 1000));
    }

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public void Epochs_AreStoredPerMetric_AndTheLatestAreTheRunsFinalValues(string kind)
    {
        using var t = TestStore.Create(kind);
        using var store = t.Open();
        long id = store.CreateRun(Start());
        store.AppendEpoch(id, 1, [new("loss", 0.9), new("accuracy", 0.5), new("val_loss", double.NaN)]);
        store.AppendEpoch(id, 2, [new("loss", 0.4), new("accuracy", 0.8), new("val_loss", 0.45), new("lr", 1e-3)]);
        var rows = store.ReadEpochs(id);
        Assert.Equal(7, rows.Count);
        Assert.Equal([(1, "loss", 0.9), (1, "accuracy", 0.5)], rows.Take(2).Select(r => (r.Epoch, r.Name, r.Value)));
        Assert.True(double.IsNaN(rows[2].Value));   // NaN round-trips (stored as NULL)
        Assert.Equal(1e-3, rows[6].Value);
        var run = store.GetRun(id)!;
        Assert.Equal(2, run.Epochs);
        Assert.Equal(0.4, run.FinalLoss);
        Assert.Equal(0.8, run.FinalAccuracy);
        Assert.Equal(0.45, run.FinalValLoss);
        Assert.Null(run.FinalValAccuracy);
        // the cursor: only rows after the last one seen
        Assert.Equal(["val_loss", "lr"], store.ReadEpochs(id, rows[4].Id).Select(r => r.Name));
    }

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public void SeriesChunks_RoundTripExactly_AndFilterByLayerAndSeries(string kind)
    {
        using var t = TestStore.Create(kind);
        using var store = t.Open();
        long id = store.CreateRun(Start());
        var a = new SeriesChunk("dense", "gradient_norm", [0, 1, 2, 300, 100_000], [0.5, 1e-12, double.PositiveInfinity, double.NaN, -3.25]);
        var b = new SeriesChunk("", "loss", [0, 1], [2.3, 2.1]);
        store.AppendSeries(id, [a, b], lastStep: 100_001);
        store.AppendSeries(id, [a with { Steps = [100_001], Values = [7] }], lastStep: 100_002);
        var all = store.ReadSeries(id);
        Assert.Equal(3, all.Count);
        Assert.Equal(a.Steps, all[0].Steps);
        Assert.Equal(a.Values, all[0].Values);   // bit-exact, NaN and Infinity included
        Assert.Equal(("", "loss"), (all[1].Layer, all[1].Series));
        var dense = store.ReadSeries(id, layer: "dense", series: "gradient_norm");
        Assert.Equal([5, 1], dense.Select(c => c.Steps.Length));
        Assert.Equal([100_001L], store.ReadSeries(id, afterId: all[1].Id).Single().Steps);
        Assert.Equal(100_002, store.GetRun(id)!.Steps);
    }

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public void FinishRun_ReplacesLiveFindingsWithTheRankedOnes_AndSetsStatus(string kind)
    {
        using var t = TestStore.Create(kind);
        using var store = t.Open();
        long id = store.CreateRun(Start());
        store.AppendFinding(id, new StoredFinding("DEAD_RELU", "warning", "dead units") { Layer = "dense", Epoch = 1, Step = 12 });
        var live = store.ReadFindings(id).Single();
        Assert.False(live.Final);
        var lr = new StoredFinding("LR_TOO_HIGH", "error", "the loss blew up")
        {
            Epoch = 1, Step = 3, EvidenceJson = """{"lr":0.5,"spike":"Infinity"}""", FixesJson = """[{"action":"lower_learning_rate","description":"lower it","keras":null}]""",
            Confidence = 0.9, Explanation = "why",
        };
        var dead = live with { CausedBy = ["LR_TOO_HIGH"], Confidence = 0.7 };
        store.FinishRun(id, new RunEnd(RunStatus.Diverged) { Findings = [lr, dead], Verdict = "diverged", EndedAt = new DateTimeOffset(2026, 11, 23, 12, 5, 0, TimeSpan.Zero) });
        var findings = store.ReadFindings(id);
        Assert.Equal(["LR_TOO_HIGH", "DEAD_RELU"], findings.Select(f => f.Code));
        Assert.All(findings, f => Assert.True(f.Final));
        Assert.Equal([0, 1], findings.Select(f => f.Rank));
        Assert.Equal(["LR_TOO_HIGH"], findings[1].CausedBy);
        Assert.Equal("dense", findings[1].Layer);
        Assert.Equal(12, findings[1].Step);
        Assert.Equal(0.9, findings[0].Confidence);
        Assert.Equal("""{"lr":0.5,"spike":"Infinity"}""", findings[0].EvidenceJson);
        Assert.Contains("lower_learning_rate", findings[0].FixesJson);
        Assert.True(findings[0].Id > live.Id);   // new rows: a reader's cursor sees the final findings
        var run = store.GetRun(id)!;
        Assert.Equal(RunStatus.Diverged, run.Status);
        Assert.Equal("diverged", run.Verdict);
        Assert.Equal("LR_TOO_HIGH: the loss blew up", run.TopFinding);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 12, 5, 0, TimeSpan.Zero), run.EndedAt);
    }

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public void ListRuns_IsNewestFirst_AndFailedRunsKeepTheirError(string kind)
    {
        using var t = TestStore.Create(kind);
        using var store = t.Open();
        long first = store.CreateRun(Start("a.py"));
        long second = store.CreateRun(Start("b.py"));
        store.FinishRun(first, new RunEnd(RunStatus.Failed) { Error = "out of memory" });
        var runs = store.ListRuns();
        Assert.Equal([second, first], runs.Select(r => r.Id));
        Assert.Equal(RunStatus.Failed, runs[1].Status);
        Assert.Equal("out of memory", runs[1].Error);
        Assert.Single(store.ListRuns(limit: 1));
    }

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public void Reopen_KeepsTheRunsAndTheSchemaVersion(string kind)
    {
        using var t = TestStore.Create(kind);
        long id;
        using (var store = t.Open())
        {
            Assert.Equal(Schema.Version, store.SchemaVersion());
            id = store.CreateRun(Start());
        }
        using var again = t.Open();
        Assert.Equal(Schema.Version, again.SchemaVersion());
        Assert.Equal("model.py", again.GetRun(id)!.ModelPath);
    }
}
