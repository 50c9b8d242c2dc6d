namespace Convergent.Store.Tests;

/// <summary>Several writers recording runs into one store at the same time lose nothing and corrupt nothing. Each
/// writer opens its own store object (its own connections and pool), as separate processes do; the CLI test
/// <c>Train_ConcurrentProcesses_AllRunsArrive</c> does the same with real processes.</summary>
public class ConcurrencyTests
{
    private const int Writers = 6, RunsPerWriter = 4, Epochs = 5, ChunksPerEpoch = 4, Layers = 3, PointsPerChunk = 50;

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public void ConcurrentWriters_EveryRunAndEveryRowArrives(string kind)
    {
        using var t = TestStore.Create(kind);
        using (t.Open()) { }   // the schema exists before the race on rows (the race on the schema is the next test)
        var ids = new long[Writers][];
        var errors = new List<Exception>();
        var threads = Enumerable.Range(0, Writers).Select(w => new Thread(() =>
        {
            try { ids[w] = WriteRuns(t.Target, w); }
            catch (Exception e) { lock (errors) errors.Add(e); }
        })).ToList();
        threads.ForEach(th => th.Start());
        threads.ForEach(th => th.Join());
        Assert.Empty(errors);

        using var store = t.Open();
        var runs = store.ListRuns(1000);
        Assert.Equal(Writers * RunsPerWriter, runs.Count);
        Assert.Equal(Writers * RunsPerWriter, ids.SelectMany(x => x).Distinct().Count());
        for (int w = 0; w < Writers; w++)
        {
            for (int r = 0; r < RunsPerWriter; r++)
            {
                long id = ids[w][r];
                var run = store.GetRun(id)!;
                Assert.Equal($"writer{w}/run{r}.py", run.ModelPath);
                Assert.Equal(RunStatus.Completed, run.Status);
                Assert.Equal(Epochs, run.Epochs);
                Assert.Equal(Loss(w, r, Epochs), run.FinalLoss);
                var epochs = store.ReadEpochs(id);
                Assert.Equal(Epochs * 2, epochs.Count);
                Assert.Equal(Enumerable.Range(1, Epochs).Select(e => Loss(w, r, e)), epochs.Where(e => e.Name == "loss").Select(e => e.Value));
                var chunks = store.ReadSeries(id);
                Assert.Equal(Epochs * ChunksPerEpoch * Layers, chunks.Count);
                for (int l = 0; l < Layers; l++)
                {
                    var steps = chunks.Where(c => c.Layer == $"dense_{l}").SelectMany(c => c.Steps).ToArray();
                    var values = chunks.Where(c => c.Layer == $"dense_{l}").SelectMany(c => c.Values).ToArray();
                    Assert.Equal(Enumerable.Range(0, Epochs * ChunksPerEpoch * PointsPerChunk).Select(s => (long)s), steps);
                    Assert.Equal(steps.Select(s => Value(w, r, l, s)), values);
                }
                Assert.Equal(["NO_LEARNING"], store.ReadFindings(id).Select(f => f.Code));
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestStore.Kinds), MemberType = typeof(TestStore))]
    public void ConcurrentFirstOpens_MigrateTheSchemaOnce(string kind)
    {
        using var t = TestStore.Create(kind);
        var errors = new List<Exception>();
        var ids = new long[Writers];
        var threads = Enumerable.Range(0, Writers).Select(w => new Thread(() =>
        {
            try
            {
                using var s = t.Open();
                ids[w] = s.CreateRun(new RunStart("train", $"m{w}.py", "builtin:iris"));
            }
            catch (Exception e) { lock (errors) errors.Add(e); }
        })).ToList();
        threads.ForEach(th => th.Start());
        threads.ForEach(th => th.Join());
        Assert.Empty(errors);
        using var store = t.Open();
        Assert.Equal(Schema.Version, store.SchemaVersion());
        Assert.Equal(Writers, store.ListRuns().Count);
    }

    private static double Loss(int w, int r, int epoch) => 1.0 / (epoch + w * 10 + r * 100);

    private static double Value(int w, int r, int layer, long step) => w * 1e6 + r * 1e4 + layer * 1e2 + step * 1e-3;

    private static long[] WriteRuns(string target, int w)
    {
        using var store = RunStores.Open(target);
        var ids = new long[RunsPerWriter];
        for (int r = 0; r < RunsPerWriter; r++)
        {
            long id = store.CreateRun(new RunStart("doctor", $"writer{w}/run{r}.py", "builtin:blobs") { Seed = w });
            ids[r] = id;
            long step = 0;
            for (int e = 1; e <= Epochs; e++)
            {
                for (int c = 0; c < ChunksPerEpoch; c++)
                {
                    var steps = Enumerable.Range(0, PointsPerChunk).Select(i => step + i).ToArray();
                    var chunks = Enumerable.Range(0, Layers)
                        .Select(l => new SeriesChunk($"dense_{l}", "gradient_norm", steps, steps.Select(s => Value(w, r, l, s)).ToArray())).ToList();
                    step += PointsPerChunk;
                    store.AppendSeries(id, chunks, step);
                }
                store.AppendEpoch(id, e, [new("loss", Loss(w, r, e)), new("accuracy", e / 10.0)]);
            }
            store.AppendFinding(id, new StoredFinding("NO_LEARNING", "error", "flat loss"));
            store.FinishRun(id, new RunEnd(RunStatus.Completed));
        }
        return ids;
    }
}
