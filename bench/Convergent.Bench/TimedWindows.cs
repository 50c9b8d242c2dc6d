using System.Diagnostics;

namespace Convergent.Bench;

/// <summary>
/// Times a step function the way ../shared/bench/torch_models.py does, so the two sides are comparable: windows of
/// seconds/repeats; a window counts only if the process had its cores (CPU seconds / wall seconds ≥ 0.85 × threads),
/// up to 3 × seconds in all; the median of the kept windows is reported.
/// </summary>
internal static class TimedWindows
{
    private const double CleanUtil = 0.85;
    private const int MaxExtra = 3;

    public sealed record Result(List<double> Rates, List<double> Utils, long Steps, string Clean);

    public static Result Run(Action step, double itemsPerStep, int threads, double seconds, int repeats, string label)
    {
        double window = seconds / repeats;
        var rates = new List<double>(); var utils = new List<double>();
        var all = new List<(double rate, double util)>();
        long total = 0;
        var proc = Process.GetCurrentProcess();
        var deadline = Stopwatch.StartNew();
        while (rates.Count < repeats && (deadline.Elapsed.TotalSeconds < seconds * MaxExtra || all.Count == 0))
        {
            proc.Refresh();
            var cpu0 = proc.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            long steps = 0;
            double dt;
            while (true)
            {
                step();
                steps++;
                dt = sw.Elapsed.TotalSeconds;
                if (dt >= window) break;
            }
            proc.Refresh();
            double util = (proc.TotalProcessorTime - cpu0).TotalSeconds / dt;
            total += steps;
            double rate = steps * itemsPerStep / dt;
            all.Add((rate, util));
            if (util >= CleanUtil * threads) { rates.Add(rate); utils.Add(util); }
        }
        string clean = $"{rates.Count}/{all.Count}";
        if (rates.Count < repeats)
        {
            Console.Error.WriteLine($"# WARNING {label} threads={threads}: only {clean} windows had the cores to themselves; rerun when the machine is quiet");
            rates = all.Select(a => a.rate).ToList();
            utils = all.Select(a => a.util).ToList();
        }
        return new Result(rates, utils, total, clean);
    }

    public static double Median(List<double> v)
    {
        var s = v.OrderBy(x => x).ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : 0.5 * (s[s.Count / 2 - 1] + s[s.Count / 2]);
    }
}
