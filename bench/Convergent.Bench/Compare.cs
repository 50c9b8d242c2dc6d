using System.Globalization;
using System.Text.Json;

namespace Convergent.Bench;

/// <summary>Reads the two JSON-lines outputs and prints, per workload and thread count, both rates and their ratio; or, given
/// one <c>--probes</c> output, the doctor's cost per mode.</summary>
internal static class Compare
{
    public static int Run(string[] files)
    {
        if (files.Length == 1) return Overhead(files[0]);
        if (files.Length != 2) { Console.Error.WriteLine("usage: compare TORCH.jsonl CONVERGENT.jsonl | compare PROBES.jsonl"); return 2; }
        var torch = Read(files[0]); var ours = Read(files[1]);
        Console.WriteLine($"{"workload",-16} {"threads",7} {"pytorch",12} {"convergent",12} {"ratio",7}  unit     peak MiB");
        foreach (var (key, t) in torch)
        {
            if (!ours.TryGetValue(key, out var c)) continue;
            bool gemm = key.Workload.StartsWith("sgemm", StringComparison.Ordinal);
            string field = gemm ? "gflops" : "samples_per_s";
            double tv = t.GetProperty(field).GetDouble(), cv = c.GetProperty(field).GetDouble();
            string mem = c.TryGetProperty("peak_rss_mb", out var m) ? m.GetDouble().ToString("0", CultureInfo.InvariantCulture) : "";
            Console.WriteLine($"{key.Workload,-16} {key.Threads,7} {tv,12:0.0} {cv,12:0.0} {cv / tv,6:0.00}x  {(gemm ? "GFLOP/s" : "samples/s"),-8} {mem}");
        }
        return 0;
    }

    /// <summary>The doctor's cost per workload from a <c>--probes</c> run (one row per mode, the same Fit loop): throughput
    /// with the doctor relative to without, for each mode measured (issue 4's target: ≤ 10 % with every-step probing).</summary>
    private static int Overhead(string probesPath)
    {
        var rows = new List<JsonElement>();
        foreach (var line in File.ReadLines(probesPath))
            if (line.TrimStart().StartsWith('{')) rows.Add(JsonDocument.Parse(line).RootElement.Clone());
        var modes = rows.Where(r => r.TryGetProperty("mode", out _)).Select(r => r.GetProperty("mode").GetString()!)
            .Where(m => m != "none").Distinct().ToList();
        Console.WriteLine($"{"workload",-16} {"threads",7} {"plain (Fit)",12}" + string.Concat(modes.Select(m => $" {m,14} {"cost",7}")));
        foreach (var g in rows.Where(r => r.TryGetProperty("mode", out _))
                     .GroupBy(r => (W: r.GetProperty("workload").GetString()!, T: r.GetProperty("threads").GetInt32())))
        {
            var plain = g.FirstOrDefault(r => r.GetProperty("mode").GetString() == "none");
            if (plain.ValueKind == JsonValueKind.Undefined) continue;
            double pv = plain.GetProperty("samples_per_s").GetDouble();
            var line = $"{g.Key.W,-16} {g.Key.T,7} {pv,12:0.0}";
            foreach (var m in modes)
            {
                var d = g.FirstOrDefault(r => r.GetProperty("mode").GetString() == m);
                if (d.ValueKind == JsonValueKind.Undefined) { line += $" {"",14} {"",7}"; continue; }
                double dv = d.GetProperty("samples_per_s").GetDouble();
                line += $" {dv,14:0.0} {100 * (1 - dv / pv),6:0.0}%";
            }
            Console.WriteLine(line);
        }
        return 0;
    }

    private static Dictionary<(string Workload, int Threads), JsonElement> Read(string path)
    {
        var d = new Dictionary<(string, int), JsonElement>();
        foreach (var line in File.ReadLines(path))
        {
            if (!line.TrimStart().StartsWith('{')) continue;
            var e = JsonDocument.Parse(line).RootElement.Clone();
            d[(e.GetProperty("workload").GetString()!, e.GetProperty("threads").GetInt32())] = e;
        }
        return d;
    }
}
