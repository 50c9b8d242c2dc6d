using System.Data.Common;
using System.Diagnostics;
using Convergent.Diagnostics;

namespace Convergent.Store;

/// <summary>
/// Writes one run into a store while it trains: the run row at start, each epoch's values, the new points of the
/// tracked per-step series in chunks (one row per series per flush — at most every <see cref="FlushSteps"/> steps or
/// <see cref="FlushInterval"/>, and at every epoch end), live findings, and the end. A store that fails mid-run
/// (a full disk, a server gone) must not kill the training it watches: the first error is kept in
/// <see cref="Error"/>, reported through <see cref="Warning"/>, and later writes are skipped.
/// </summary>
public sealed class RunWriter
{
    private readonly IRunStore _store;
    private readonly List<(string Layer, Series Series)> _tracked = [];
    private readonly Dictionary<Series, long> _flushed = [];   // last step written, per series
    private readonly HashSet<(string, string)> _trackedNames = [];
    private readonly Stopwatch _sinceFlush = Stopwatch.StartNew();
    private long _lastStep = -1, _lastFlushedStep = -1;
    private int _liveFindings;

    /// <summary>Flush after this many steps at the latest.</summary>
    public int FlushSteps { get; init; } = 500;

    /// <summary>Flush when this much time has passed since the last flush (the dashboard's refresh rate).</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Records the start of a run in <paramref name="store"/> (status running).</summary>
    public RunWriter(IRunStore store, RunStart start)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        RunId = store.CreateRun(start);
    }

    /// <summary>The run's id in the store.</summary>
    public long RunId { get; }

    /// <summary>The store written to.</summary>
    public IRunStore Store => _store;

    /// <summary>The first write error, after which the writer stopped writing; null while all is well.</summary>
    public Exception? Error { get; private set; }

    /// <summary>Raised once, with a message, when a write fails.</summary>
    public event Action<string>? Warning;

    /// <summary>Whether <see cref="Finish"/> ran.</summary>
    public bool Finished { get; private set; }

    /// <summary>Sets the model summary and configuration.</summary>
    public void Describe(string? modelJson, string configJson) => Guard(() => _store.Describe(RunId, modelJson, configJson));

    /// <summary>Adds a series whose new points are written at each flush; <paramref name="layer"/> is empty for run-wide series.</summary>
    public void Track(string layer, Series series)
    {
        if (_flushed.ContainsKey(series)) return;
        if (!_trackedNames.Add((layer, series.Name))) throw new ArgumentException($"A series {layer}/{series.Name} is already tracked.", nameof(series));
        _tracked.Add((layer, series));
        _flushed[series] = -1;
    }

    /// <summary>Notes that <paramref name="step"/> (global, 0-based) is recorded; flushes when due.</summary>
    public void Step(long step)
    {
        _lastStep = Math.Max(_lastStep, step);
        if (_lastStep - _lastFlushedStep >= FlushSteps || _sinceFlush.Elapsed >= FlushInterval) Flush();
    }

    /// <summary>Writes an epoch's values (names as the run logs them) after flushing the series.</summary>
    public void Epoch(int epoch, IEnumerable<KeyValuePair<string, double>> values)
    {
        Flush();
        Guard(() => _store.AppendEpoch(RunId, epoch, values));
    }

    /// <summary>Writes a finding posted while the run trains.</summary>
    public void Finding(Finding finding) => Guard(() => _store.AppendFinding(RunId, FindingRows.From(finding, _liveFindings++, final: false)));

    /// <summary>Writes the points added to the tracked series since the last flush, one chunk per series.</summary>
    public void Flush()
    {
        _sinceFlush.Restart();
        var chunks = new List<SeriesChunk>();
        foreach (var (layer, series) in _tracked)
        {
            // by step, not by position: a run record's series are bounded, and thinning moves their points
            var steps = series.Steps;
            int from = FirstAfter(steps, _flushed[series]);
            if (from >= steps.Length) continue;
            chunks.Add(new SeriesChunk(layer, series.Name, steps[from..].ToArray(), series.Values[from..].ToArray()));
            _flushed[series] = steps[^1];
        }
        if (chunks.Count == 0) return;
        _lastFlushedStep = _lastStep;
        Guard(() => _store.AppendSeries(RunId, chunks, _lastStep + 1));
    }

    /// <summary>Index of the first step after <paramref name="step"/> in the ascending <paramref name="steps"/>.</summary>
    private static int FirstAfter(ReadOnlySpan<long> steps, long step)
    {
        int lo = 0, hi = steps.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (steps[mid] <= step) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>Flushes and ends the run with <paramref name="end"/>.</summary>
    public void Finish(RunEnd end)
    {
        if (Finished) return;
        Flush();
        Guard(() => _store.FinishRun(RunId, end));
        Finished = true;
    }

    private void Guard(Action write)
    {
        if (Error is not null) return;
        try
        {
            write();
        }
        catch (Exception e) when (e is DbException or IOException or TimeoutException)
        {
            Error = e;
            Warning?.Invoke($"run store {_store.Description}: recording of run {RunId} stopped: {e.Message}");
        }
    }
}
