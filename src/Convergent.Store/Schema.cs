namespace Convergent.Store;

/// <summary>
/// The store's tables, written once for both dialects: each migration is a list of statements whose type
/// placeholders the dialect fills in (<c>{id}</c> an auto-increasing 64-bit primary key, <c>{real}</c> a double,
/// <c>{blob}</c> bytes). <c>schema_version</c> holds one row per applied migration; <see cref="RunStore"/> applies the
/// missing ones in order inside one locked transaction, so concurrent first openers do not race.
/// <code>
/// runs            one row per run: identity, configuration (JSON), progress, final metrics, verdict, status
/// epoch_metrics   one row per (run, epoch, metric)
/// series_chunks   one row per (run, layer, series) and flush: steps (delta varints) and values (float64) as blobs
/// findings        one row per finding: code, severity, where (layer/epoch/step), evidence, fixes, caused_by (JSON)
/// </code>
/// Times are ISO 8601 UTC text (sortable, the same in both dialects); NaN metric values are stored as NULL.
/// </summary>
public static class Schema
{
    /// <summary>The schema version this code reads and writes.</summary>
    public static int Version => Migrations.Count;

    /// <summary>The migrations, oldest first; migration <c>i</c> brings the schema to version <c>i + 1</c>. Append only.</summary>
    public static IReadOnlyList<string[]> Migrations { get; } =
    [
        [
            """
            CREATE TABLE runs (
                id {id},
                kind TEXT NOT NULL,
                status TEXT NOT NULL,
                model_path TEXT,
                data_spec TEXT,
                seed BIGINT,
                host TEXT NOT NULL,
                tool_version TEXT NOT NULL,
                started_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                ended_at TEXT,
                model TEXT,
                config TEXT NOT NULL,
                epochs_done INTEGER NOT NULL DEFAULT 0,
                steps_done BIGINT NOT NULL DEFAULT 0,
                final_loss {real},
                final_accuracy {real},
                final_val_loss {real},
                final_val_accuracy {real},
                verdict TEXT,
                top_finding TEXT,
                error TEXT)
            """,
            """
            CREATE TABLE epoch_metrics (
                id {id},
                run_id BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                epoch INTEGER NOT NULL,
                name TEXT NOT NULL,
                value {real},
                UNIQUE (run_id, epoch, name))
            """,
            "CREATE INDEX epoch_metrics_run ON epoch_metrics (run_id, id)",
            """
            CREATE TABLE series_chunks (
                id {id},
                run_id BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                layer TEXT NOT NULL,
                series TEXT NOT NULL,
                first_step BIGINT NOT NULL,
                last_step BIGINT NOT NULL,
                points INTEGER NOT NULL,
                steps {blob} NOT NULL,
                vals {blob} NOT NULL)
            """,
            "CREATE INDEX series_chunks_run ON series_chunks (run_id, id)",
            """
            CREATE TABLE findings (
                id {id},
                run_id BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                rank INTEGER NOT NULL,
                final INTEGER NOT NULL,
                code TEXT NOT NULL,
                severity TEXT NOT NULL,
                title TEXT NOT NULL,
                layer TEXT,
                epoch INTEGER,
                step BIGINT,
                evidence TEXT NOT NULL,
                explanation TEXT NOT NULL,
                fixes TEXT NOT NULL,
                caused_by TEXT NOT NULL,
                confidence {real} NOT NULL)
            """,
            "CREATE INDEX findings_run ON findings (run_id, id)",
            "CREATE INDEX runs_started ON runs (started_at)",
        ],
    ];
}
