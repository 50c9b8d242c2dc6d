namespace Convergent.Store;

/// <summary>
/// Where runs are recorded: an embedded SQLite file (<see cref="SqliteDialect"/>) or a PostgreSQL database
/// (<see cref="PostgresDialect"/>), same schema (<see cref="Schema"/>). Writers append while a run trains — each call
/// is one short transaction, so several processes can record runs into one store at once — and readers (the
/// dashboard, <c>convergent runs</c>) follow a run by the ids of the rows they have seen.
/// Open one with <see cref="RunStores.Open"/>.
/// </summary>
public interface IRunStore : IDisposable
{
    /// <summary>What the store is, for messages: the SQLite file or the PostgreSQL host/database (no password).</summary>
    string Description { get; }

    /// <summary>Records a new run with status running and returns its id.</summary>
    long CreateRun(RunStart start);

    /// <summary>Sets the model summary and the configuration once the model is built (JSON objects).</summary>
    void Describe(long runId, string? modelJson, string configJson);

    /// <summary>Appends one epoch's metric values (the run's final metrics follow the latest epoch).</summary>
    void AppendEpoch(long runId, int epoch, IEnumerable<KeyValuePair<string, double>> values);

    /// <summary>Appends per-step series chunks in one transaction; <paramref name="lastStep"/> is the run's step count so far.</summary>
    void AppendSeries(long runId, IReadOnlyList<SeriesChunk> chunks, long lastStep);

    /// <summary>Appends a finding posted while the run trains.</summary>
    void AppendFinding(long runId, StoredFinding finding);

    /// <summary>Ends a run: status, end time, and (when given) the ranked findings replacing the live ones.</summary>
    void FinishRun(long runId, RunEnd end);

    /// <summary>The runs, newest first.</summary>
    IReadOnlyList<RunSummary> ListRuns(int limit = 100);

    /// <summary>One run, or null when there is none with this id.</summary>
    RunSummary? GetRun(long runId);

    /// <summary>The run's epoch values with id greater than <paramref name="afterId"/>, in id order.</summary>
    IReadOnlyList<EpochValue> ReadEpochs(long runId, long afterId = 0);

    /// <summary>The run's series chunks with id greater than <paramref name="afterId"/>, in id order; optionally one
    /// layer's and/or one series'.</summary>
    IReadOnlyList<SeriesChunk> ReadSeries(long runId, long afterId = 0, string? layer = null, string? series = null);

    /// <summary>The run's findings with id greater than <paramref name="afterId"/>, in id order.</summary>
    IReadOnlyList<StoredFinding> ReadFindings(long runId, long afterId = 0);
}
