using System.Text.Json.Nodes;
using Convergent.Store;

namespace Convergent.Dashboard;

/// <summary>The JSON shapes of the API (<c>/api/runs</c>, <c>/api/runs/{id}</c>, <c>/api/runs/{id}/series</c>, the event
/// stream): snake_case names, NaN and ±Infinity as strings (as the report writes them).</summary>
internal static class RunJson
{
    public static object Summary(RunSummary r) => new
    {
        id = r.Id,
        kind = r.Kind,
        status = r.Status.Name(),
        model = r.ModelPath,
        data = r.DataSpec,
        seed = r.Seed,
        host = r.Host,
        tool_version = r.ToolVersion,
        started_at = r.StartedAt,
        updated_at = r.UpdatedAt,
        // a run whose process died stays "running" in the store; the page says how long it has been silent
        seconds_since_update = Math.Max(0, (DateTimeOffset.UtcNow - r.UpdatedAt).TotalSeconds),
        ended_at = r.EndedAt,
        epochs = r.Epochs,
        steps = r.Steps,
        loss = r.FinalLoss,
        accuracy = r.FinalAccuracy,
        val_loss = r.FinalValLoss,
        val_accuracy = r.FinalValAccuracy,
        verdict = r.Verdict,
        top_finding = r.TopFinding,
        error = r.Error,
    };

    /// <summary>Epoch rows grouped by epoch: <c>[{epoch, values: {name: value}}]</c>.</summary>
    public static List<object> Epochs(IEnumerable<EpochValue> rows) =>
        rows.GroupBy(r => r.Epoch).OrderBy(g => g.Key).Select(g => Epoch(g.Key, g)).ToList();

    /// <summary>One epoch: <c>{epoch, values: {name: value}}</c>.</summary>
    public static object Epoch(int epoch, IEnumerable<EpochValue> rows) =>
        new { epoch, values = rows.GroupBy(r => r.Name).ToDictionary(g => g.Key, g => g.Last().Value) };

    public static object Finding(StoredFinding f) => new
    {
        id = f.Id,
        rank = f.Rank,
        final = f.Final,
        code = f.Code,
        severity = f.Severity,
        title = f.Title,
        layer = f.Layer,
        epoch = f.Epoch,
        step = f.Step,
        evidence = JsonNode.Parse(f.EvidenceJson),
        explanation = f.Explanation,
        fixes = JsonNode.Parse(f.FixesJson),
        caused_by = f.CausedBy,
        confidence = f.Confidence,
    };

    public static object Chunk(SeriesChunk c) => new { layer = c.Layer, series = c.Series, steps = c.Steps, values = c.Values };
}
