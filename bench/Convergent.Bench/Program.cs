using System.Globalization;
using System.Text.Json;
using Convergent.Kernels;
using Convergent.Nn;
using Convergent.Tensors;

namespace Convergent.Bench;

/// <summary>
/// Training throughput of the reference workloads, printed in the same JSON-lines schema as
/// ../shared/bench/torch_models.py, plus SGEMM. <c>compare TORCH.jsonl OURS.jsonl</c> prints the ratios.
/// Run both sides with bench/run.sh.
/// </summary>
internal static class Program
{
    private const int Seed = 1234;
    private const int BatchesPerEpoch = 16;

    private static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "compare") return Compare.Run(args[1..]);
        if (args.Any(a => a is "--help" or "-h"))
        {
            Console.WriteLine("""
                Convergent.Bench [--only W1,W2] [--threads 1,2] [--seconds S] [--repeats N] [--warmup-steps N] [--warmup-seconds S]
                                 [--gemm-size N] [--gemm-seconds S] [--breakdown STEPS] [--steps N] [--slice-ms MS]
                                 [--probes [none,hooks,doctor,every-step,deterministic]]
                Convergent.Bench compare TORCH.jsonl OURS.jsonl | compare DOCTOR.jsonl
                Workloads: seed000_lenet, seed002_cifar, seed004_mlp, mnist_mlp, mnist_cnn, sgemm. JSON lines on stdout.
                --probes: the doctor's cost, modes taking turns of one epoch (or whole epochs of at least --slice-ms) for --seconds each,
                at least --repeats turns; each reports its median turn.
                """);
            return 0;
        }
        var opts = Options.Parse(args);
        Console.Error.WriteLine($"# Convergent bench: .NET {Environment.Version}, {Environment.ProcessorCount} cores, " +
            $"AVX-512 {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}, AVX2 {System.Runtime.Intrinsics.X86.Avx2.IsSupported}");
        foreach (var name in opts.Only)
            foreach (var t in opts.Threads)
            {
                Parallelism.MaxThreads = t;
                if (name == "sgemm") { Console.WriteLine(JsonSerializer.Serialize(Sgemm(t, opts))); continue; }
                var w = Workloads.All.FirstOrDefault(w => w.Name == name)
                    ?? throw new ArgumentException($"unknown workload {name}; known: {string.Join(", ", Workloads.All.Select(w => w.Name))}, sgemm");
                if (opts.ProbeModes.Length == 0) Console.WriteLine(JsonSerializer.Serialize(Train(w, t, opts)));
                else
                {
                    var (x, y) = Data(w, new Random(Seed));
                    foreach (var row in ProbeCost.Run(w, t, opts, x, y, BatchesPerEpoch)) Console.WriteLine(JsonSerializer.Serialize(row));
                }
            }
        return 0;
    }

    private static Dictionary<string, object> Train(Workloads.Workload w, int threads, Options o)
    {
        var model = w.Build();
        model.Build(new Shape(w.InputShape));
        model.Compile(w.Optimizer(), new CategoricalCrossentropy());
        long flops = 3 * 2 * Workloads.ForwardMacs(model);
        int n = w.Batch * BatchesPerEpoch;
        var rng = new Random(Seed);
        bool image = w.InputShape.Length == 3;
        var (x, y) = Data(w, rng);   // the shuffles continue the data's generator
        var order = Enumerable.Range(0, n).ToArray();
        int pos = n;
        double loss = 0;
        void Step()
        {
            if (pos + w.Batch > n) { Shuffle(order, rng); pos = 0; }   // a new epoch reshuffles, as fit(shuffle=True)
            var idx = order.AsSpan(pos, w.Batch);
            pos += w.Batch;
            loss = model.TrainOnBatch(Gather(x, idx), Gather(y, idx));
        }
        var warm = System.Diagnostics.Stopwatch.StartNew();
        for (int s = 0; s < o.WarmupSteps || warm.Elapsed.TotalSeconds < o.WarmupSeconds; s++) Step();
        if (!double.IsFinite(loss)) throw new InvalidOperationException($"{w.Name}: loss is not finite after warm-up");
        var r = TimedWindows.Run(Step, w.Batch, threads, o.Seconds, o.Repeats, w.Name);
        double sps = TimedWindows.Median(r.Rates);
        if (o.BreakdownSteps > 0)
            Breakdown.Print(w.Name, threads, model, () => { var i = order.AsSpan(0, w.Batch); return (Gather(x, i), Gather(y, i)); }, o.BreakdownSteps);
        return new()
        {
            ["workload"] = w.Name, ["threads"] = threads, ["batch"] = w.Batch,
            ["samples_per_s"] = Math.Round(sps, 1), ["ms_per_step"] = Math.Round(1000.0 * w.Batch / sps, 3),
            ["train_flops_per_sample"] = flops, ["gflops"] = Math.Round(sps * flops / 1e9, 2),
            ["samples_per_s_min"] = Math.Round(r.Rates.Min(), 1), ["samples_per_s_max"] = Math.Round(r.Rates.Max(), 1),
            ["steps"] = r.Steps, ["memory_format"] = image ? "nhwc" : "n/a",
            ["cpu_util"] = Math.Round(TimedWindows.Median(r.Utils), 2), ["clean_windows"] = r.Clean,
            ["peak_rss_mb"] = Math.Round(PeakRssMb(), 1), ["engine"] = "convergent",
        };
    }

    /// <summary>The workload's data: BatchesPerEpoch batches of uniform [0, 1) images or standard normal features, one-hot
    /// labels of random classes.</summary>
    private static (Tensor X, Tensor Y) Data(Workloads.Workload w, Random rng)
    {
        int n = w.Batch * BatchesPerEpoch;
        var xs = new float[n * w.InputShape.Aggregate(1, (a, b) => a * b)];
        bool image = w.InputShape.Length == 3;
        for (int i = 0; i < xs.Length; i++) xs[i] = image ? (float)rng.NextDouble() : (float)Gaussian(rng);
        var ys = new float[n * w.Classes];
        for (int i = 0; i < n; i++) ys[i * w.Classes + rng.Next(w.Classes)] = 1;
        return (Tensor.FromArray(xs, [n, .. w.InputShape]), Tensor.FromArray(ys, n, w.Classes));
    }

    private static Dictionary<string, object> Sgemm(int threads, Options o)
    {
        int size = o.GemmSize;
        var rng = new Random(Seed);
        var a = new float[size * size]; var b = new float[size * size]; var c = new float[size * size];
        for (int i = 0; i < a.Length; i++) { a[i] = (float)Gaussian(rng); b[i] = (float)Gaussian(rng); }
        void Mm() => Gemm.Multiply(false, false, size, size, size, 1f, a, size, b, size, 0f, c, size);
        Mm(); Mm();
        var r = TimedWindows.Run(Mm, 2.0 * size * size * size / 1e9, threads, o.GemmSeconds, o.Repeats, $"sgemm_{size}");
        return new()
        {
            ["workload"] = $"sgemm_{size}", ["threads"] = threads, ["gflops"] = Math.Round(TimedWindows.Median(r.Rates), 1),
            ["gflops_min"] = Math.Round(r.Rates.Min(), 1), ["gflops_max"] = Math.Round(r.Rates.Max(), 1),
            ["cpu_util"] = Math.Round(TimedWindows.Median(r.Utils), 2), ["clean_windows"] = r.Clean, ["engine"] = "convergent",
        };
    }

    /// <summary>Peak resident set size of this process (VmHWM), in MiB.</summary>
    private static double PeakRssMb()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException) { }
        return Environment.WorkingSet / 1048576.0;
    }

    private static Tensor Gather(Tensor t, ReadOnlySpan<int> idx)
    {
        int row = t.Size / t.Shape[0];
        var dims = t.Shape.ToArray(); dims[0] = idx.Length;
        var r = Tensor.Empty(new Shape(dims));
        var src = t.AsSpan<float>(); var dst = r.AsSpan<float>();
        for (int i = 0; i < idx.Length; i++) src.Slice(idx[i] * row, row).CopyTo(dst.Slice(i * row, row));
        return r;
    }

    private static void Shuffle(int[] a, Random rng)
    {
        for (int i = a.Length - 1; i > 0; i--) { int j = rng.Next(i + 1); (a[i], a[j]) = (a[j], a[i]); }
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}

internal sealed record Options(string[] Only, int[] Threads, double Seconds, int Repeats, int WarmupSteps, double WarmupSeconds, int GemmSize, double GemmSeconds, int BreakdownSteps, string[] ProbeModes, int Steps, double SliceSeconds = 0)
{
    public static Options Parse(string[] args)
    {
        var o = new Options(["seed000_lenet", "seed002_cifar", "seed004_mlp", "mnist_mlp", "mnist_cnn", "sgemm"], [1, 2], 12, 5, 5, 1.5, 2048, 6, 0, [], 0);
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--probes")
            {
                // bare --probes: the baseline, the doctor as `convergent doctor` runs it, and every-step probing
                bool list = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
                o = o with { ProbeModes = list ? args[++i].Split(',') : ["none", "doctor", "every-step"] };
                continue;
            }
            string v = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--only" => o with { Only = v.Split(',') },
                "--threads" => o with { Threads = v.Split(',').Select(int.Parse).ToArray() },
                "--seconds" => o with { Seconds = double.Parse(v, CultureInfo.InvariantCulture) },
                "--repeats" => o with { Repeats = int.Parse(v, CultureInfo.InvariantCulture) },
                "--warmup-steps" => o with { WarmupSteps = int.Parse(v, CultureInfo.InvariantCulture) },
                "--warmup-seconds" => o with { WarmupSeconds = double.Parse(v, CultureInfo.InvariantCulture) },
                "--gemm-size" => o with { GemmSize = int.Parse(v, CultureInfo.InvariantCulture) },
                "--gemm-seconds" => o with { GemmSeconds = double.Parse(v, CultureInfo.InvariantCulture) },
                "--breakdown" => o with { BreakdownSteps = int.Parse(v, CultureInfo.InvariantCulture) },
                "--steps" => o with { Steps = int.Parse(v, CultureInfo.InvariantCulture) },
                "--slice-ms" => o with { SliceSeconds = double.Parse(v, CultureInfo.InvariantCulture) / 1000 },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
            i++;
        }
        return o;
    }
}
