using System.Text.Json;
using Convergent.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Convergent.Dashboard;

/// <summary>
/// The dashboard's routes. Pages: <c>GET /</c>, <c>GET /runs/{id}</c>; assets: <c>GET /assets/{name}</c> (a fixed set);
/// JSON: <c>GET /api/runs?limit=N</c>, <c>GET /api/runs/{id}</c> (summary, model, config, epochs, findings),
/// <c>GET /api/runs/{id}/series?max_points=N&amp;layer=L&amp;series=S</c> (per-step series, thinned for charts);
/// live: <c>GET /api/runs/{id}/events</c> (text/event-stream). Run ids are positive integers (the route only matches
/// those); an unknown one is a 404.
/// </summary>
internal static class DashboardApi
{
    /// <summary>Points per series in <c>/series</c> unless <c>max_points</c> says otherwise.</summary>
    public const int DefaultMaxPoints = 1500;

    public static void Map(WebApplication app, IRunStore store, DashboardOptions options)
    {
        app.MapGet("/", () => Asset("index.html"));
        app.MapGet("/runs/{id:long:min(1)}", (long id) => store.GetRun(id) is null ? NotFound($"no run {id}") : Asset("run.html"));
        app.MapGet("/assets/{name}", (string name) => Asset(name));
        app.MapGet("/favicon.ico", () => Asset("favicon.svg"));

        app.MapGet("/api/runs", (int? limit) =>
        {
            if (limit is < 1 or > 10_000) return BadRequest($"limit must be in 1…10000. Received: {limit}");
            return Json(new { runs = store.ListRuns(limit ?? 200).Select(RunJson.Summary) });
        });

        app.MapGet("/api/runs/{id:long:min(1)}", (long id) =>
        {
            if (store.GetRun(id) is not { } run) return NotFound($"no run {id}");
            var epochs = store.ReadEpochs(id);
            var findings = store.ReadFindings(id);
            return Json(new
            {
                run = RunJson.Summary(run),
                model = run.ModelJson is null ? null : System.Text.Json.Nodes.JsonNode.Parse(run.ModelJson),
                config = System.Text.Json.Nodes.JsonNode.Parse(run.ConfigJson),
                epochs = RunJson.Epochs(epochs),
                findings = findings.Select(RunJson.Finding),
                epoch_cursor = epochs.Count > 0 ? epochs[^1].Id : 0,
                finding_cursor = findings.Count > 0 ? findings[^1].Id : 0,
            });
        });

        app.MapGet("/api/runs/{id:long:min(1)}/series", (long id, int? max_points, string? layer, string? series) =>
        {
            if (store.GetRun(id) is null) return NotFound($"no run {id}");
            int max = max_points ?? DefaultMaxPoints;
            if (max is < 3 or > 1_000_000) return BadRequest($"max_points must be in 3…1000000. Received: {max}");
            var chunks = store.ReadSeries(id, 0, layer, series);
            var merged = chunks.GroupBy(c => (c.Layer, c.Series)).Select(g =>
            {
                var steps = g.SelectMany(c => c.Steps).ToArray();
                var values = g.SelectMany(c => c.Values).ToArray();
                var (s, v) = SeriesSampler.Thin(steps, values, max);
                return new { layer = g.Key.Layer, series = g.Key.Series, total = steps.Length, steps = s, values = v };
            });
            return Json(new { cursor = chunks.Count > 0 ? chunks[^1].Id : 0, series = merged });
        });

        app.MapGet("/api/runs/{id:long:min(1)}/events", (HttpContext context, long id, string? after) =>
            RunEventStream.Serve(context, store, id, after ?? context.Request.Headers["Last-Event-ID"].FirstOrDefault(), options.PollInterval));

        // anything else under /api is a JSON 404 rather than an empty one
        app.MapFallback("/api/{**rest}", () => NotFound("no such endpoint"));
        app.MapFallback(() => NotFound("no such page"));
    }

    private static IResult Asset(string name) =>
        DashboardAssets.Find(name) is { } a ? Results.Bytes(a.Bytes, a.ContentType) : NotFound("no such asset");

    private static IResult Json(object value) => Results.Json(value, DashboardServer.Json);

    private static IResult NotFound(string message) => Results.Json(new { error = message }, DashboardServer.Json, statusCode: StatusCodes.Status404NotFound);

    private static IResult BadRequest(string message) => Results.Json(new { error = message }, DashboardServer.Json, statusCode: StatusCodes.Status400BadRequest);
}
