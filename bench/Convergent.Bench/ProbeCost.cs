using System.Diagnostics;
using Convergent.Diagnostics;
using Convergent.Nn;
using Convergent.Tensors;

namespace Convergent.Bench;

/// <summary>
/// <c>--probes [MODES]</c>: the doctor's cost on a workload's training throughput. Every configuration trains its own copy
/// of the model through <see cref="Model.Fit"/>, one epoch of the workload's batches per call, so the doctor's callbacks
/// run exactly as under <c>convergent doctor</c> (which trains with Fit); the configurations alternate epoch by epoch
/// (none, doctor, every-step, doctor, every-step, none, …) for <c>--seconds</c> each (at least <c>--repeats</c> epochs), so
/// a change in machine load hits them alike, and each reports its median epoch. Modes:
/// <list type="bullet">
/// <item><c>none</c>: no doctor (the baseline, same Fit loop).</item>
/// <item><c>hooks</c>: a probe that does nothing, attached where the doctor's is: the engine's side of probing.</item>
/// <item><c>doctor</c>: as <c>convergent doctor</c> runs it — <see cref="DoctorOptions"/>' defaults: the probe with its
/// wall-time share (<see cref="ProbeOptions.MaxTimeShare"/>) and the streaming rules with theirs.</item>
/// <item><c>every-step</c>: the probe on every layer and every batch (<c>new ProbeOptions()</c>), no rules — issue 4's
/// "probing every layer on every batch" criterion.</item>
/// <item><c>deterministic</c>: <c>convergent doctor --deterministic</c> — every-step probe and every rule on every step.</item>
/// </list>
/// With <c>--steps N</c> each mode instead trains N batches (whole epochs) after the warm-up, untimed windows, for
/// instruction counts under valgrind (run one mode per process).
/// </summary>
internal static class ProbeCost
{
    public static readonly string[] AllModes = ["none", "hooks", "doctor", "every-step", "deterministic"];

    /// <summary>Attached everywhere the doctor's probe is, doing nothing: what the engine's extension points cost by
    /// themselves (update tracking, pre-activation hand-over, the calls).</summary>
    private sealed class NullProbe : Callback, ILayerProbe, ITrainingProbe
    {
        public void AfterForward(Layer layer, Tensor input, Tensor output, Tensor? preActivation, bool training) { }
        public void AfterBackward(TrainingStep step) { }
        public void AfterUpdate(TrainingStep step, VariableUpdates updates) { }
    }

    private sealed class Config(string mode, Sequential model, IReadOnlyList<Callback> callbacks, RunRecord? record, OverheadBudget? budget = null)
    {
        public readonly OverheadBudget? Budget = budget;
        public readonly string Mode = mode;
        public readonly Sequential Model = model;
        public readonly IReadOnlyList<Callback> Callbacks = callbacks;
        public readonly RunRecord? Record = record;
        public readonly List<double> Epochs = [];   // samples/s of each timed turn (or of the one --steps run)
        public long AllocatedBytes, Steps;
        public double TimedSeconds, TimedSamples;   // all timed turns together
    }

    public static IEnumerable<Dictionary<string, object>> Run(Workloads.Workload w, int threads, Options o, Tensor x, Tensor y, int batchesPerEpoch)
    {
        var configs = o.ProbeModes.Select(m => Make(m, w)).ToList();
        int epochSamples = w.Batch * batchesPerEpoch;
        void Epoch(Config c) => c.Model.Fit(x, y, batchSize: w.Batch, epochs: 1, verbose: 0, callbacks: c.Callbacks, shuffle: true);
        foreach (var c in configs)
        {
            var warm = Stopwatch.StartNew();
            for (int s = 0; s < o.WarmupSteps || warm.Elapsed.TotalSeconds < o.WarmupSeconds; s += batchesPerEpoch) Epoch(c);
        }
        if (o.Steps > 0)
        {
            foreach (var c in configs)
            {
                long bytes0 = GC.GetAllocatedBytesForCurrentThread();
                var sw = Stopwatch.StartNew();
                for (int s = 0; s < o.Steps; s += batchesPerEpoch) Epoch(c);
                int steps = (o.Steps + batchesPerEpoch - 1) / batchesPerEpoch * batchesPerEpoch;
                c.Epochs.Add(steps * w.Batch / sw.Elapsed.TotalSeconds);
                c.AllocatedBytes += GC.GetAllocatedBytesForCurrentThread() - bytes0;
                c.Steps += steps;
            }
        }
        else
        {
            // turns of one epoch (a Fit call of the workload's batches; with --slice-ms, whole epochs lasting at least that)
            // per configuration, the order rotating each round so no configuration always follows the same one; each turn
            // timed alone. Load on a shared machine drifts over seconds, so short turns and each mode's median turn compare
            // the modes under the same conditions (a disturbed turn only moves the tails). Longer turns (--slice-ms 200)
            // measured the same costs on seed004_mlp: switching models between turns (cold caches) is not what is measured.
            var deadline = Stopwatch.StartNew();
            double budget = o.Seconds * configs.Count;
            for (int round = 0; configs.Any(c => c.Epochs.Count < o.Repeats) || deadline.Elapsed.TotalSeconds < budget; round++)
            {
                if (deadline.Elapsed.TotalSeconds >= budget * 3 && configs.All(c => c.Epochs.Count > 0)) break;
                for (int k = 0; k < configs.Count; k++)
                {
                    var c = configs[(round + k) % configs.Count];
                    long bytes0 = GC.GetAllocatedBytesForCurrentThread();
                    long t0 = Stopwatch.GetTimestamp();
                    int epochs = 0;
                    double dt;
                    do { Epoch(c); epochs++; dt = Stopwatch.GetElapsedTime(t0).TotalSeconds; } while (dt < o.SliceSeconds);
                    c.AllocatedBytes += GC.GetAllocatedBytesForCurrentThread() - bytes0;
                    c.Steps += epochs * batchesPerEpoch;
                    c.TimedSeconds += dt;
                    c.TimedSamples += epochs * epochSamples;
                    c.Epochs.Add(epochs * epochSamples / dt);
                }
            }
        }
        foreach (var c in configs)
        {
            var kept = c.Epochs;
            double sps = TimedWindows.Median(kept);
            var row = new Dictionary<string, object>
            {
                ["workload"] = w.Name, ["threads"] = threads, ["batch"] = w.Batch, ["mode"] = c.Mode,
                ["samples_per_s"] = Math.Round(sps, 1), ["ms_per_step"] = Math.Round(1000.0 * w.Batch / sps, 3),
                // every timed turn's samples over every timed turn's time: the throughput proper, with what the median turn
                // leaves out (collections, the probe's periodic work: histograms, thinning the record, epoch ends)
                ["samples_per_s_overall"] = c.TimedSeconds > 0 ? Math.Round(c.TimedSamples / c.TimedSeconds, 1) : Math.Round(sps, 1),
                ["samples_per_s_min"] = Math.Round(kept.Min(), 1), ["samples_per_s_max"] = Math.Round(kept.Max(), 1),
                // the middle half of the epochs' rates: how far load moved them
                ["samples_per_s_p25"] = Math.Round(Percentile(kept, 0.25), 1), ["samples_per_s_p75"] = Math.Round(Percentile(kept, 0.75), 1),
                ["turns_timed"] = o.Steps > 0 ? 1 : kept.Count,
                ["allocated_bytes_per_step"] = Math.Round((double)c.AllocatedBytes / Math.Max(c.Steps, 1)),
                ["engine"] = "convergent",
            };
            if (c.Record is { } r)
            {
                // how much of the run the probe measured (the time share samples steps out on small models)
                row["steps_recorded"] = r.Steps.Total;
                row["steps_with_statistics"] = r.Statistics.RowsWritten;
                if (c.Budget is { } b)
                {
                    // what the doctor's own budget measured: its plain step and its share of the elapsed time
                    row["budget_plain_step_us"] = Math.Round(b.PlainStepTicks * 1e6 / Stopwatch.Frequency, 3);
                    row["budget_spent_s"] = Math.Round((double)b.SpentTicks / Stopwatch.Frequency, 3);
                }
            }
            yield return row;
        }
    }

    private static double Percentile(List<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        double pos = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos), hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static Config Make(string mode, Workloads.Workload w)
    {
        var model = w.Build();
        model.Build(new Shape(w.InputShape));
        model.Compile(w.Optimizer(), new CategoricalCrossentropy());
        model.Output = TextWriter.Null;
        if (mode == "none") return new Config(mode, model, [], null);
        if (mode == "hooks")
        {
            var nullProbe = new NullProbe();
            foreach (var l in model.Layers) l.AttachProbe(nullProbe);
            model.AttachProbe((ITrainingProbe)nullProbe);
            return new Config(mode, model, [nullProbe], null);
        }
        var defaults = new DoctorOptions();
        var (probeOptions, rules, ruleShare) = mode switch
        {
            "doctor" => (defaults.Probes, true, defaults.RuleTimeShare),
            "every-step" => (new ProbeOptions(), false, null),
            "deterministic" => (new ProbeOptions(), true, (double?)null),
            _ => throw new ArgumentException($"unknown --probes mode {mode}; known: {string.Join(", ", AllModes)}"),
        };
        var record = new RunRecord();
        // wired as Doctor.Run wires them: with both shares set, one budget for the probe's statistics and the rule checks
        bool shared = false;
        if (rules && probeOptions.MaxTimeShare is double ps && ruleShare is double rs)
        {
            probeOptions = probeOptions with { MaxTimeShare = Math.Min(1, ps + rs) };
            shared = true;
        }
        var probe = new DoctorProbe(record, probeOptions);
        probe.Attach(model);   // for the whole benchmark: each Fit call continues the same record, as one long run
        if (rules)
        {
            // the streaming rules (before/after-training checks are once per run, not per step)
            var engine = new RuleEngine(record, defaults.Rules()) { MaxTimeShare = shared ? null : ruleShare, SharedBudget = shared ? probe.Budget : null };
            probe.StepRecorded += engine.OnStep;
            probe.EpochRecorded += engine.OnEpoch;
        }
        return new Config(mode, model, [probe], record, probe.Budget);
    }
}
