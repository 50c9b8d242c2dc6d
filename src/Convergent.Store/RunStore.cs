using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace Convergent.Store;

/// <summary>
/// The run store over either dialect: the statements and row mapping are written once here, the dialect supplies
/// the connection, the write lock and the column types. Every write is one short transaction on its own pooled
/// connection, so concurrent writers (threads or processes) interleave without losing rows; a run's rows are
/// written by one recorder in order, so within a run ids increase in commit order and readers can follow a live run
/// by the last id they have seen.
/// </summary>
public sealed class RunStore : IRunStore
{
    private readonly SqlDialect _dialect;

    /// <summary>Opens the store and brings its schema to <see cref="Schema.Version"/>.</summary>
    public RunStore(SqlDialect dialect)
    {
        _dialect = dialect ?? throw new ArgumentNullException(nameof(dialect));
        try
        {
            Migrate();
        }
        catch (Exception e) when (dialect.Explain(e) is { } explained)
        {
            dialect.Dispose();
            throw explained;
        }
        catch
        {
            dialect.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public string Description => _dialect.Description;

    /// <summary>The dialect (SQLite or PostgreSQL).</summary>
    public SqlDialect Dialect => _dialect;

    /// <summary>The schema version of the database (after opening: <see cref="Schema.Version"/>).</summary>
    public int SchemaVersion()
    {
        using var c = _dialect.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT MAX(version) FROM schema_version";
        return cmd.ExecuteScalar() is { } v and not DBNull ? Convert.ToInt32(v, CultureInfo.InvariantCulture) : 0;
    }

    private void Migrate()
    {
        using var c = _dialect.Open();
        using var tx = _dialect.BeginWrite(c);
        _dialect.LockForMigration(c, tx);
        Execute(c, tx, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)");
        int current;
        using (var cmd = Command(c, tx, "SELECT MAX(version) FROM schema_version"))
            current = cmd.ExecuteScalar() is { } v and not DBNull ? Convert.ToInt32(v, CultureInfo.InvariantCulture) : 0;
        if (current > Schema.Version)
            throw new StoreException($"{Description}: the store has schema version {current}, newer than this convergent's {Schema.Version}; update convergent");
        for (int version = current + 1; version <= Schema.Version; version++)
        {
            foreach (var statement in Schema.Migrations[version - 1]) Execute(c, tx, _dialect.Fill(statement));
            using var cmd = Command(c, tx, "INSERT INTO schema_version (version, applied_at) VALUES (@v, @t)", ("v", version), ("t", Now()));
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    // ------------------------------------------------------------------ writes

    /// <inheritdoc/>
    public long CreateRun(RunStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        string started = Time(start.StartedAt);
        return Write(c => Scalar(c,
            """
            INSERT INTO runs (kind, status, model_path, data_spec, seed, host, tool_version, started_at, updated_at, config)
            VALUES (@kind, @status, @model, @data, @seed, @host, @version, @started, @started, @config) RETURNING id
            """,
            ("kind", start.Kind), ("status", RunStatus.Running.Name()), ("model", start.ModelPath), ("data", start.DataSpec),
            ("seed", start.Seed), ("host", start.Host), ("version", start.ToolVersion), ("started", started), ("config", start.ConfigJson)));
    }

    /// <inheritdoc/>
    public void Describe(long runId, string? modelJson, string configJson) =>
        Write(c => Exec(c, "UPDATE runs SET model = @model, config = @config, updated_at = @now WHERE id = @id",
            ("model", modelJson), ("config", configJson), ("now", Now()), ("id", runId)));

    /// <inheritdoc/>
    public void AppendEpoch(long runId, int epoch, IEnumerable<KeyValuePair<string, double>> values)
    {
        var list = values.ToList();
        double? Final(string name) => list.FirstOrDefault(v => v.Key == name) is { Key: not null } kv ? kv.Value : null;
        Write(c =>
        {
            foreach (var (name, value) in list)
                Exec(c, "INSERT INTO epoch_metrics (run_id, epoch, name, value) VALUES (@run, @epoch, @name, @value)",
                    ("run", runId), ("epoch", epoch), ("name", name), ("value", value));
            // the latest epoch's values are the run's final ones; a metric the epoch lacks keeps its earlier value
            return Exec(c,
                """
                UPDATE runs SET epochs_done = @epoch, updated_at = @now,
                    final_loss = COALESCE(@loss, final_loss), final_accuracy = COALESCE(@acc, final_accuracy),
                    final_val_loss = COALESCE(@vloss, final_val_loss), final_val_accuracy = COALESCE(@vacc, final_val_accuracy)
                WHERE id = @id
                """,
                ("epoch", epoch), ("now", Now()), ("loss", Final("loss")), ("acc", Final("accuracy")),
                ("vloss", Final("val_loss")), ("vacc", Final("val_accuracy")), ("id", runId));
        });
    }

    /// <inheritdoc/>
    public void AppendSeries(long runId, IReadOnlyList<SeriesChunk> chunks, long lastStep)
    {
        Write(c =>
        {
            foreach (var chunk in chunks)
            {
                if (chunk.Steps.Length != chunk.Values.Length)
                    throw new ArgumentException($"Series chunk {chunk.Layer}/{chunk.Series}: {chunk.Steps.Length} steps but {chunk.Values.Length} values.");
                if (chunk.Steps.Length == 0) continue;
                Exec(c,
                    """
                    INSERT INTO series_chunks (run_id, layer, series, first_step, last_step, points, steps, vals)
                    VALUES (@run, @layer, @series, @first, @last, @points, @steps, @vals)
                    """,
                    ("run", runId), ("layer", chunk.Layer), ("series", chunk.Series), ("first", chunk.Steps[0]), ("last", chunk.Steps[^1]),
                    ("points", chunk.Steps.Length), ("steps", SeriesCodec.EncodeSteps(chunk.Steps)), ("vals", SeriesCodec.EncodeValues(chunk.Values)));
            }
            return Exec(c, "UPDATE runs SET steps_done = @steps, updated_at = @now WHERE id = @id", ("steps", lastStep), ("now", Now()), ("id", runId));
        });
    }

    /// <inheritdoc/>
    public void AppendFinding(long runId, StoredFinding finding) => Write(c =>
    {
        InsertFinding(c, runId, finding);
        return Exec(c, "UPDATE runs SET updated_at = @now WHERE id = @id", ("now", Now()), ("id", runId));
    });

    /// <inheritdoc/>
    public void FinishRun(long runId, RunEnd end)
    {
        ArgumentNullException.ThrowIfNull(end);
        Write(c =>
        {
            string? top = null;
            if (end.Findings is { } findings)
            {
                Exec(c, "DELETE FROM findings WHERE run_id = @id", ("id", runId));
                for (int i = 0; i < findings.Count; i++) InsertFinding(c, runId, findings[i] with { Rank = i, Final = true });
                top = findings.Count > 0 ? $"{findings[0].Code}: {findings[0].Title}" : null;
            }
            return Exec(c,
                """
                UPDATE runs SET status = @status, ended_at = @ended, updated_at = @ended, verdict = COALESCE(@verdict, verdict),
                    top_finding = COALESCE(@top, top_finding), error = @error
                WHERE id = @id
                """,
                ("status", end.Status.Name()), ("ended", Time(end.EndedAt)), ("verdict", end.Verdict), ("top", top), ("error", end.Error), ("id", runId));
        });
    }

    private static void InsertFinding(Tx c, long runId, StoredFinding f) =>
        Exec(c,
            """
            INSERT INTO findings (run_id, rank, final, code, severity, title, layer, epoch, step, evidence, explanation, fixes, caused_by, confidence)
            VALUES (@run, @rank, @final, @code, @severity, @title, @layer, @epoch, @step, @evidence, @explanation, @fixes, @caused, @confidence)
            """,
            ("run", runId), ("rank", f.Rank), ("final", f.Final ? 1 : 0), ("code", f.Code), ("severity", f.Severity), ("title", f.Title),
            ("layer", f.Layer), ("epoch", f.Epoch), ("step", f.Step), ("evidence", f.EvidenceJson), ("explanation", f.Explanation),
            ("fixes", f.FixesJson), ("caused", JsonSerializer.Serialize(f.CausedBy)), ("confidence", f.Confidence));

    // ------------------------------------------------------------------ reads

    private const string RunColumns =
        "id, kind, status, model_path, data_spec, seed, host, tool_version, started_at, updated_at, ended_at, model, config, "
        + "epochs_done, steps_done, final_loss, final_accuracy, final_val_loss, final_val_accuracy, verdict, top_finding, error";

    /// <inheritdoc/>
    public IReadOnlyList<RunSummary> ListRuns(int limit = 100)
    {
        if (limit < 1) throw new ArgumentOutOfRangeException(nameof(limit), $"limit must be at least 1. Received: {limit}");
        return Read($"SELECT {RunColumns} FROM runs ORDER BY id DESC LIMIT @limit", ReadRun, ("limit", limit));
    }

    /// <inheritdoc/>
    public RunSummary? GetRun(long runId) => Read($"SELECT {RunColumns} FROM runs WHERE id = @id", ReadRun, ("id", runId)).FirstOrDefault();

    /// <inheritdoc/>
    public IReadOnlyList<EpochValue> ReadEpochs(long runId, long afterId = 0) =>
        Read("SELECT id, epoch, name, value FROM epoch_metrics WHERE run_id = @run AND id > @after ORDER BY id",
            r => new EpochValue(r.GetInt64(0), ToInt(r.GetValue(1)), r.GetString(2), r.IsDBNull(3) ? double.NaN : r.GetDouble(3)),
            ("run", runId), ("after", afterId));

    /// <inheritdoc/>
    public IReadOnlyList<SeriesChunk> ReadSeries(long runId, long afterId = 0, string? layer = null, string? series = null) =>
        Read("SELECT id, layer, series, first_step, points, steps, vals FROM series_chunks WHERE run_id = @run AND id > @after"
            + (layer is null ? "" : " AND layer = @layer") + (series is null ? "" : " AND series = @series") + " ORDER BY id",
            r =>
            {
                int points = ToInt(r.GetValue(4));
                var steps = SeriesCodec.DecodeSteps((byte[])r.GetValue(5), r.GetInt64(3), points);
                var values = SeriesCodec.DecodeValues((byte[])r.GetValue(6), points);
                return new SeriesChunk(r.GetString(1), r.GetString(2), steps, values) { Id = r.GetInt64(0) };
            },
            [("run", runId), ("after", afterId), .. layer is null ? [] : new[] { ("layer", (object?)layer) }, .. series is null ? [] : new[] { ("series", (object?)series) }]);

    /// <inheritdoc/>
    public IReadOnlyList<StoredFinding> ReadFindings(long runId, long afterId = 0) =>
        Read("SELECT id, rank, final, code, severity, title, layer, epoch, step, evidence, explanation, fixes, caused_by, confidence "
            + "FROM findings WHERE run_id = @run AND id > @after ORDER BY id",
            r => new StoredFinding(r.GetString(3), r.GetString(4), r.GetString(5))
            {
                Id = r.GetInt64(0),
                Rank = ToInt(r.GetValue(1)),
                Final = ToInt(r.GetValue(2)) != 0,
                Layer = r.IsDBNull(6) ? null : r.GetString(6),
                Epoch = r.IsDBNull(7) ? null : ToInt(r.GetValue(7)),
                Step = r.IsDBNull(8) ? null : r.GetInt64(8),
                EvidenceJson = r.GetString(9),
                Explanation = r.GetString(10),
                FixesJson = r.GetString(11),
                CausedBy = JsonSerializer.Deserialize<string[]>(r.GetString(12)) ?? [],
                Confidence = r.GetDouble(13),
            },
            ("run", runId), ("after", afterId));

    private static RunSummary ReadRun(DbDataReader r) => new(r.GetInt64(0), r.GetString(1), RunStatuses.Parse(r.GetString(2)))
    {
        ModelPath = Text(r, 3),
        DataSpec = Text(r, 4),
        Seed = r.IsDBNull(5) ? null : r.GetInt64(5),
        Host = r.GetString(6),
        ToolVersion = r.GetString(7),
        StartedAt = ParseTime(r.GetString(8)),
        UpdatedAt = ParseTime(r.GetString(9)),
        EndedAt = r.IsDBNull(10) ? null : ParseTime(r.GetString(10)),
        ModelJson = Text(r, 11),
        ConfigJson = r.GetString(12),
        Epochs = ToInt(r.GetValue(13)),
        Steps = r.GetInt64(14),
        FinalLoss = Real(r, 15),
        FinalAccuracy = Real(r, 16),
        FinalValLoss = Real(r, 17),
        FinalValAccuracy = Real(r, 18),
        Verdict = Text(r, 19),
        TopFinding = Text(r, 20),
        Error = Text(r, 21),
    };

    // ------------------------------------------------------------------ plumbing

    /// <summary>Runs <paramref name="body"/> in one write transaction on a connection of its own, and commits.</summary>
    private T Write<T>(Func<Tx, T> body)
    {
        using var c = _dialect.Open();
        using var tx = _dialect.BeginWrite(c);
        var result = body(new Tx(c, tx));
        tx.Commit();
        return result;
    }

    /// <summary>A connection with its open write transaction (ADO.NET commands must name the transaction).</summary>
    private readonly record struct Tx(DbConnection Connection, DbTransaction Transaction);

    private List<T> Read<T>(string sql, Func<DbDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        using var c = _dialect.Open();
        using var cmd = Command(c, null, sql, parameters);
        using var r = cmd.ExecuteReader();
        var list = new List<T>();
        while (r.Read()) list.Add(map(r));
        return list;
    }

    private static int Exec(Tx t, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(t.Connection, t.Transaction, sql, parameters);
        return cmd.ExecuteNonQuery();
    }

    private static long Scalar(Tx t, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(t.Connection, t.Transaction, sql, parameters);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(DbConnection c, DbTransaction tx, string sql)
    {
        using var cmd = Command(c, tx, sql);
        cmd.ExecuteNonQuery();
    }

    private static DbCommand Command(DbConnection c, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@" + name;
            // NaN is stored as NULL in both dialects (SQLite has no NaN); readers turn NULL back into NaN
            p.Value = value switch
            {
                null => DBNull.Value,
                double d when double.IsNaN(d) => DBNull.Value,
                int i => (long)i,   // one integer width for both dialects' BIGINT/INTEGER columns
                _ => value,
            };
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    private static int ToInt(object value) => Convert.ToInt32(value, CultureInfo.InvariantCulture);
    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    private static double? Real(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
    private static string Now() => Time(DateTimeOffset.UtcNow);
    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
    private static DateTimeOffset ParseTime(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>Releases the dialect's pooled connections.</summary>
    public void Dispose() => _dialect.Dispose();
}
