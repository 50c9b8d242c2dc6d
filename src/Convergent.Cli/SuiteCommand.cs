using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Convergent.Diagnostics;

namespace Convergent.Cli;

/// <summary>
/// <c>convergent suite FOLDER [--filter TEXT]</c> (an extension of the CLI contract): runs every case of
/// <c>FOLDER/manifest.json</c> — a Keras script, DATA, options and the expected finding codes (none for a healthy
/// case) — and prints per case the top-3 error/warning codes, pass/fail and seconds, then the score: the share of
/// faulty cases with an expected code among the top 3 error/warning findings, and the healthy cases with any
/// error or warning (false alarms).
/// </summary>
internal static class SuiteCommand
{
    public sealed record CaseResult(string Name, IReadOnlyList<string> Expected, IReadOnlyList<string> Top, bool Pass, double Seconds, string? Error);

    public sealed record Score(IReadOnlyList<CaseResult> Cases)
    {
        public int Faulty => Cases.Count(c => c.Expected.Count > 0);
        public int FaultyPassed => Cases.Count(c => c.Expected.Count > 0 && c.Pass);
        public int Healthy => Cases.Count(c => c.Expected.Count == 0);
        public int FalseAlarms => Cases.Count(c => c.Expected.Count == 0 && !c.Pass);
        public double Share => Faulty == 0 ? 1 : (double)FaultyPassed / Faulty;
    }

    public static Command Create()
    {
        var folder = new Argument<string>("FOLDER") { Description = "A suite folder with manifest.json" };
        var filter = new Option<string?>("--filter") { Description = "Run only cases whose name contains this text" };
        var cmd = new Command("suite", "Run the labelled suite of faulty and healthy setups and print the score") { folder, filter };
        cmd.SetAction(r => Program.Guard(() =>
        {
            var score = Run(r.GetValue(folder)!, r.GetValue(filter), Console.Out);
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    public static Score Run(string folder, string? filter, TextWriter output)
    {
        string manifest = Path.Combine(folder, "manifest.json");
        if (!File.Exists(manifest)) throw new FileNotFoundException($"{manifest}: no such file (expected a suite folder with manifest.json)");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllText(manifest)); }
        catch (JsonException e) { throw new ArgumentException($"{manifest}: not valid JSON: {e.Message}"); }
        var defaults = doc.RootElement.TryGetProperty("defaults", out var d) && d.TryGetProperty("args", out var da)
            ? da.EnumerateArray().Select(a => a.GetString()!).ToArray() : [];
        var results = new List<CaseResult>();
        output.WriteLine($"{"case",-30} {"expected",-44} {"top-3 error/warning",-60} {"result",-6} {"s",6}");
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            string name = c.GetProperty("name").GetString()!;
            if (filter is not null && !name.Contains(filter, StringComparison.OrdinalIgnoreCase)) continue;
            var expected = c.GetProperty("expected").EnumerateArray().Select(e => e.GetString()!).ToList();
            var args = defaults.Concat(c.TryGetProperty("args", out var ca) ? ca.EnumerateArray().Select(a => a.GetString()!) : []).ToArray();
            var r = RunCase(name, Path.Combine(folder, c.GetProperty("model").GetString()!), ResolveData(folder, c.GetProperty("data").GetString()!), args, expected);
            results.Add(r);
            output.WriteLine($"{r.Name,-30} {(expected.Count == 0 ? "(healthy)" : string.Join(",", expected)),-44} "
                + $"{(r.Error is not null ? "error: " + r.Error : r.Top.Count == 0 ? "-" : string.Join(",", r.Top)),-60} {(r.Pass ? "pass" : "FAIL"),-6} {r.Seconds,6:0.0}");
        }
        var score = new Score(results);
        output.WriteLine();
        output.WriteLine($"Score: {score.FaultyPassed}/{score.Faulty} faulty cases with an expected code in the top 3 error/warning findings "
            + $"({score.Share.ToString("P1", CultureInfo.InvariantCulture)}); false alarms on healthy cases: {score.FalseAlarms}/{score.Healthy}; "
            + $"total {results.Sum(r => r.Seconds):0} s");
        return score;
    }

    private static string ResolveData(string folder, string data) =>
        data.StartsWith("builtin:", StringComparison.OrdinalIgnoreCase) ? data : Path.Combine(folder, data);

    private static CaseResult RunCase(string name, string model, string data, string[] args, IReadOnlyList<string> expected)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            var o = ParseArgs(args, out double? maxSeconds, out int seed);
            var (_, diagnosis) = DoctorCommand.Diagnose(new DoctorRequest(model, data)
            {
                Overrides = o, Seed = seed, MaxSeconds = maxSeconds, Quiet = true, Deterministic = true,
            }, TextWriter.Null);
            var top = diagnosis.Findings.Where(f => f.Severity >= Severity.Warning).Select(f => f.Code).Distinct().Take(3).ToList();
            bool pass = expected.Count == 0 ? top.Count == 0 : top.Any(expected.Contains);
            return new CaseResult(name, expected, top, pass, sw.Elapsed.TotalSeconds, null);
        }
        catch (Exception e)
        {
            return new CaseResult(name, expected, [], false, sw.Elapsed.TotalSeconds, e.GetType().Name + ": " + e.Message.Split('\n')[0]);
        }
    }

    private static Overrides ParseArgs(string[] args, out double? maxSeconds, out int seed)
    {
        var o = new Overrides();
        maxSeconds = null;
        seed = 1337;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            string v = args[i + 1];
            double D() => double.Parse(v, CultureInfo.InvariantCulture);
            int I() => int.Parse(v, CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--epochs": o = o with { Epochs = I() }; break;
                case "--batch-size": o = o with { BatchSize = I() }; break;
                case "--optimizer": o = o with { Optimizer = v }; break;
                case "--lr": o = o with { LearningRate = D() }; break;
                case "--loss": o = o with { Loss = v }; break;
                case "--validation-split": o = o with { ValidationSplit = D() }; break;
                case "--max-seconds": maxSeconds = D(); break;
                case "--seed": seed = I(); break;
                default: throw new ArgumentException($"suite case option '{args[i]}' is not supported");
            }
        }
        return o;
    }
}
