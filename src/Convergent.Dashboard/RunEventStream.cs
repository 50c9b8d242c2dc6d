using System.Text;
using System.Text.Json;
using Convergent.Store;
using Microsoft.AspNetCore.Http;

namespace Convergent.Dashboard;

/// <summary>
/// The live view of one run as server-sent events (<c>text/event-stream</c>): the stream polls the store for rows
/// after the reader's cursor (<see cref="EventCursor"/>) and sends <c>epoch</c> (one per epoch: its values),
/// <c>series</c> (new per-step chunks), <c>finding</c>, and <c>status</c> (the run summary, when it changes); each
/// event's id is the cursor after it. When the run is no longer running the stream sends a last <c>status</c> and
/// <c>end</c>, and closes. Polling is the store's only common ground: SQLite has no notifications and the writer may
/// be another process on another machine.
/// </summary>
internal static class RunEventStream
{
    // a comment line now and then keeps proxies and the browser from closing an idle stream
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static async Task<IResult> Serve(HttpContext context, IRunStore store, long runId, string? after, TimeSpan poll)
    {
        if (!EventCursor.TryParse(after, out var cursor))
            return Results.Json(new { error = $"bad cursor '{after}': expected E,S,F (three row ids)" }, DashboardServer.Json, statusCode: 400);
        if (store.GetRun(runId) is not { } run)
            return Results.Json(new { error = $"no run {runId}" }, DashboardServer.Json, statusCode: 404);

        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var cancel = context.RequestAborted;
        var sinceWrite = System.Diagnostics.Stopwatch.StartNew();
        string? lastStatus = null;
        try
        {
            await response.WriteAsync("retry: 2000\n\n", cancel);
            await response.Body.FlushAsync(cancel);
            while (!cancel.IsCancellationRequested)
            {
                bool wrote = false;
                // read the status first: rows written before a run ended are then all read below, before "end" is sent
                run = store.GetRun(runId) ?? run;
                var epochs = store.ReadEpochs(runId, cursor.Epochs);
                foreach (var epoch in epochs.GroupBy(r => r.Epoch).OrderBy(g => g.Key))
                {
                    cursor = cursor with { Epochs = epoch.Max(r => r.Id) };
                    await Send(response, "epoch", RunJson.Epoch(epoch.Key, epoch), cursor, cancel);
                    wrote = true;
                }
                var chunks = store.ReadSeries(runId, cursor.Series);
                if (chunks.Count > 0)
                {
                    cursor = cursor with { Series = chunks[^1].Id };
                    await Send(response, "series", new { chunks = chunks.Select(RunJson.Chunk) }, cursor, cancel);
                    wrote = true;
                }
                foreach (var f in store.ReadFindings(runId, cursor.Findings))
                {
                    cursor = cursor with { Findings = f.Id };
                    await Send(response, "finding", RunJson.Finding(f), cursor, cancel);
                    wrote = true;
                }
                string status = $"{run.Status.Name()}|{run.Epochs}|{run.Steps}|{run.UpdatedAt:O}";
                if (status != lastStatus)
                {
                    lastStatus = status;
                    await Send(response, "status", RunJson.Summary(run), cursor, cancel);
                    wrote = true;
                }
                if (run.Status != RunStatus.Running)
                {
                    await Send(response, "end", new { status = run.Status.Name() }, cursor, cancel);
                    break;
                }
                if (wrote) sinceWrite.Restart();
                else if (sinceWrite.Elapsed >= KeepAlive)
                {
                    await response.WriteAsync(": keep-alive\n\n", cancel);
                    await response.Body.FlushAsync(cancel);
                    sinceWrite.Restart();
                }
                await Task.Delay(poll, cancel);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // the reader went away
        }
        return Results.Empty;
    }

    private static async Task Send(HttpResponse response, string name, object data, EventCursor cursor, CancellationToken cancel)
    {
        var text = new StringBuilder();
        text.Append("event: ").Append(name).Append('\n');
        text.Append("id: ").Append(cursor.ToString()).Append('\n');
        // JSON has no raw newlines outside strings, and inside strings they are escaped: one data line
        text.Append("data: ").Append(JsonSerializer.Serialize(data, DashboardServer.Json)).Append("\n\n");
        await response.WriteAsync(text.ToString(), cancel);
        await response.Body.FlushAsync(cancel);
    }
}
