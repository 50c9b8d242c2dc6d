using System.Globalization;
using System.Text.Json;

namespace Convergent.Bench;

/// <summary>Reads the two JSON-lines outputs and prints, per workload and thread count, both rates and their ratio.</summary>
internal static class Compare
{
    public static int Run(string[] files)
    {
        if (files.Length == 3) return Overhead(files[1], files[2]);
        if (files.Length != 2) { Console.Error.WriteLine("usage: compare TORCH.jsonl CONVERGENT.jsonl [DOCTOR.jsonl]"); return 2; }
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

    /// <summary>Throughput with the doctor's probes attached relative to without (issue 4's ≤ 10 % cost target).</summary>
    private static int Overhead(string plainPath, string doctorPath)
    {
        var plain = Read(plainPath); var doctor = Read(doctorPath);
        Console.WriteLine($"{"workload",-16} {"threads",7} {"plain",12} {"+doctor",12} {"cost",7}");
        foreach (var (key, p) in plain)
        {
            if (!doctor.TryGetValue(key, out var d) || key.Workload.StartsWith("sgemm", StringComparison.Ordinal)) continue;
            double pv = p.GetProperty("samples_per_s").GetDouble(), dv = d.GetProperty("samples_per_s").GetDouble();
            Console.WriteLine($"{key.Workload,-16} {key.Threads,7} {pv,12:0.0} {dv,12:0.0} {100 * (1 - dv / pv),6:0.0}%");
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
