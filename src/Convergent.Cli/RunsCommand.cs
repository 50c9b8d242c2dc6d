using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Convergent.Store;

namespace Convergent.Cli;

/// <summary>
/// <c>convergent runs [--store TARGET] [--limit N] [--json]</c> (an extension of the CLI contract): lists the runs of
/// the run store, newest first — id, start time, status, verb, model, data, epochs, final loss and accuracy, and the
/// top finding — or, with <c>--json</c>, the same as a JSON array for scripts.
/// </summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var limit = new Option<int>("--limit") { Description = "Show at most this many runs", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "Print the runs as a JSON array" };
        var cmd = new Command("runs", "List the runs recorded in the run store, newest first") { limit, json };
        var store = new StoreOptions().AddTo(cmd, recording: false);
        cmd.SetAction(r => Program.Guard(() => Run(r.GetValue(store.Store), r.GetValue(limit), r.GetValue(json), Console.Out)));
        return cmd;
    }

    public static int Run(string? target, int limit, bool json, TextWriter output)
    {
        if (limit < 1) throw new ArgumentException($"--limit must be at least 1. Received: {limit}");
        using var store = RunStores.Open(target);
        var runs = store.ListRuns(limit);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(runs.Select(r => new
            {
                id = r.Id, kind = r.Kind, status = r.Status.Name(), model = r.ModelPath, data = r.DataSpec, host = r.Host,
                started_at = r.StartedAt, ended_at = r.EndedAt, epochs = r.Epochs, steps = r.Steps,
                loss = Finite(r.FinalLoss), accuracy = Finite(r.FinalAccuracy), val_loss = Finite(r.FinalValLoss), val_accuracy = Finite(r.FinalValAccuracy),
                verdict = r.Verdict, top_finding = r.TopFinding, error = r.Error,
            }), new JsonSerializerOptions { WriteIndented = true }));
            return ExitCodes.Ok;
        }
        if (runs.Count == 0)
        {
            output.WriteLine($"No runs in {store.Description} yet.");
            return ExitCodes.Ok;
        }
        output.WriteLine($"Runs in {store.Description} (newest first):");
        output.WriteLine($"{"id",5}  {"started (UTC)",-19}  {"status",-11}  {"verb",-6}  {"model",-28}  {"data",-22}  {"epochs",6}  {"loss",9}  {"acc",6}  top finding");
        foreach (var r in runs)
        {
            output.WriteLine($"{r.Id,5}  {r.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),-19}  {r.Status.Name(),-11}  {r.Kind,-6}  "
                + $"{Cut(r.ModelPath is null ? "(default model)" : Path.GetFileName(r.ModelPath), 28),-28}  {Cut(r.DataSpec ?? "", 22),-22}  {r.Epochs,6}  "
                + $"{Number(r.FinalLoss, "0.0000"),9}  {Number(r.FinalAccuracy, "0.000"),6}  {r.TopFinding ?? r.Error ?? ""}");
        }
        return ExitCodes.Ok;
    }

    private static double? Finite(double? v) => v is double d && double.IsFinite(d) ? d : null;
    private static string Number(double? v, string format) => v is double d ? d.ToString(format, CultureInfo.InvariantCulture) : "-";
    private static string Cut(string s, int n) => s.Length <= n ? s : "…" + s[^(n - 1)..];
}
