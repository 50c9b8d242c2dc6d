using Convergent.Nn;

namespace Convergent.Diagnostics.Tests;

/// <summary>
/// Builds a synthetic run record step by step — a healthy run by default: Dense(16, relu) "dense" → Dense(2, softmax)
/// "dense_1", 2 balanced classes, 10 epochs × 20 steps, loss decaying to a floor, update ratios ≈ 1e-3 — and streams
/// it through a <see cref="RuleEngine"/> as training would. Tests override one statistic to trigger one rule.
/// </summary>
internal sealed class SynthRun
{
    public int Epochs = 10, StepsPerEpoch = 20;
    public RunRecord Record { get; } = new();

    /// <summary>Per-step statistic providers, keyed "layer.stat" (stats: act_mean, act_std, dead, sat, grad_norm,
    /// grad_mean_abs, update_ratio, weight_norm, nonfinite_act, nonfinite_grad) or "loss", "lr", "max_prob",
    /// "majority_share". A provider returning NaN records nothing for that step.</summary>
    public Dictionary<string, Func<long, double>> Step { get; } = new()
    {
        ["loss"] = s => 0.08 + 0.6 * Math.Exp(-s / 15.0) * (1 + 0.03 * Noise(s)),
        ["lr"] = _ => 1e-3,
        ["max_prob"] = s => 0.6 + 0.3 * (1 - Math.Exp(-s / 15.0)),
        ["majority_share"] = s => 0.5 + 0.05 * Math.Abs(Noise(s)),
        ["dense.act_mean"] = _ => 0.4,
        ["dense.act_std"] = _ => 0.6,
        ["dense.dead"] = s => 0.1 + 0.02 * Noise(s),
        ["dense.sat"] = _ => double.NaN,
        ["dense.grad_norm"] = s => 0.5 * (1 + 0.1 * Noise(s)),
        ["dense.grad_mean_abs"] = s => 0.01 * (1 + 0.1 * Noise(s)),
        ["dense.update_ratio"] = s => 1e-3 * (1 + 0.1 * Noise(s)),
        ["dense.weight_norm"] = _ => 3,
        ["dense.nonfinite_act"] = _ => 0,
        ["dense.nonfinite_grad"] = _ => 0,
        ["dense_1.act_mean"] = _ => 0.5,
        ["dense_1.act_std"] = _ => 0.3,
        ["dense_1.dead"] = _ => double.NaN,
        ["dense_1.sat"] = _ => double.NaN,
        ["dense_1.grad_norm"] = s => 0.3 * (1 + 0.1 * Noise(s)),
        ["dense_1.grad_mean_abs"] = s => 0.02 * (1 + 0.1 * Noise(s)),
        ["dense_1.update_ratio"] = s => 1.2e-3 * (1 + 0.1 * Noise(s)),
        ["dense_1.weight_norm"] = _ => 2,
        ["dense_1.nonfinite_act"] = _ => 0,
        ["dense_1.nonfinite_grad"] = _ => 0,
    };

    /// <summary>Per-epoch providers (1-based epoch): loss, accuracy, val_loss, val_accuracy; NaN leaves the value out.</summary>
    public Dictionary<string, Func<int, double>> Epoch { get; } = new()
    {
        ["loss"] = e => 0.08 + 0.6 * Math.Exp(-(20.0 * e - 10) / 15.0),
        ["accuracy"] = e => 0.97 - 0.35 * Math.Exp(-(20.0 * e - 10) / 15.0),
        ["val_loss"] = e => 0.095 + 0.6 * Math.Exp(-(20.0 * e - 10) / 15.0),
        ["val_accuracy"] = e => 0.96 - 0.35 * Math.Exp(-(20.0 * e - 10) / 15.0),
    };

    /// <summary>Predicted-class counts per epoch (200 predictions).</summary>
    public Func<int, long[]> PredictedClasses { get; set; } = e => [98 + e % 3, 102 - e % 3];

    /// <summary>Stops the run after this step (e.g. at a NaN), as the doctor would.</summary>
    public long? StopAfterStep { get; set; }

    /// <summary>Deterministic noise in [−1, 1].</summary>
    public static double Noise(long s) => Math.Sin(s * 12.9898 + 78.233) * 43758.5453 % 1;

    public SynthRun(Activation? hidden = null)
    {
        var hiddenLayer = new LayerFacts("dense", "Dense", [2], [16], 48, 48, (hidden ?? Activations.Relu).Kind, new Dictionary<string, object?>());
        var output = new LayerFacts("dense_1", "Dense", [16], [2], 34, 34, ActivationKind.Softmax, new Dictionary<string, object?>());
        Record.Model = new ModelFacts("sequential", [hiddenLayer, output], 82, [2]);
        Record.Data = new DataFacts
        {
            TrainSamples = 200, ValSamples = 50, InputShape = [2], Encoding = LabelEncoding.OneHot, Classes = 2, TargetWidth = 2,
            LabelMin = 0, LabelMax = 1, ClassShares = [0.5, 0.5], ValClassShares = [0.52, 0.48],
            Input = new InputStats(-3, 3, 0.01, 1.0, 400, [-3, -3], [3, 3], [0.02, 0], [1, 1]),
            ValInput = new InputStats(-2.8, 2.9, 0.05, 1.0, 100, [-2.8, -2.7], [2.9, 2.8], [0.06, 0.04], [0.98, 1.02]),
        };
        Record.Training = new TrainingFacts
        {
            Optimizer = "adam", LearningRate = 1e-3, Loss = "categorical_crossentropy", Metrics = ["accuracy"], BatchSize = 10,
            PlannedEpochs = Epochs, Seed = 1,
        };
        Record.Init = new InitFacts { InitialLoss = 0.71 };
        Record.Init.ActivationStd.AddRange([("dense", 1.1), ("dense_1", 0.3)]);
        Record.Init.GradientMeanAbs.AddRange([("dense", 0.01), ("dense_1", 0.03)]);
        Record.Init.SmallBatch = new SmallBatchResult(16, 75, 0.7, 0.01, 1.0, 0.2, false);
        Record.Init.ZeroInput = new ZeroInputResult(100, 0.12, 0.69, 0.3, false);
    }

    /// <summary>Streams the run through the rules and returns the diagnosis; rule errors fail the test.</summary>
    public Diagnosis Run(IEnumerable<Rule>? rules = null)
    {
        var engine = new RuleEngine(Record, rules);
        engine.RunBefore();
        foreach (var l in Record.Model!.Layers) Record.AddLayer(l.Name);
        long step = 0;
        bool stopped = false;
        for (int e = 1; e <= Epochs && !stopped; e++)
        {
            for (int b = 0; b < StepsPerEpoch && !stopped; b++, step++)
            {
                Record.Steps.Add(step, e, Step["loss"](step), Step["lr"](step));
                Add(Record.Output.MaxProbability, step, Step["max_prob"](step));
                Add(Record.Output.MajorityPredictionShare, step, Step["majority_share"](step));
                foreach (var l in Record.Layers)
                {
                    double V(string stat) => Step.TryGetValue($"{l.Name}.{stat}", out var f) ? f(step) : double.NaN;
                    Add(l.ActivationMean, step, V("act_mean"));
                    Add(l.ActivationStd, step, V("act_std"));
                    Add(l.DeadShare, step, V("dead"));
                    Add(l.SaturatedShare, step, V("sat"));
                    Add(l.GradientNorm, step, V("grad_norm"));
                    Add(l.GradientMeanAbs, step, V("grad_mean_abs"));
                    Add(l.UpdateRatio, step, V("update_ratio"));
                    Add(l.WeightNorm, step, V("weight_norm"));
                    Add(l.NonFiniteActivations, step, V("nonfinite_act"));
                    Add(l.NonFiniteGradients, step, V("nonfinite_grad"));
                }
                engine.OnStep(step);
                if (StopAfterStep == step) { stopped = true; Record.Training.Stopped = StopReason.Nan; }
            }
            var values = Epoch.Select(kv => new KeyValuePair<string, double>(kv.Key, kv.Value(e))).Where(kv => !double.IsNaN(kv.Value) || kv.Key == "loss");
            Record.Epochs.Add(e, values);
            var counts = PredictedClasses(e);
            if (counts.Sum() > 0) Record.Output.PredictedClasses.Add(new PredictedClassCounts(e, counts));
            engine.OnEpoch(e);
        }
        engine.RunAfter();
        Assert.Empty(engine.Errors);
        return Diagnosis.Of(engine.Findings, Record.Training.Stopped);
    }

    private static void Add(Series s, long step, double v)
    {
        if (!double.IsNaN(v)) s.Add(step, v);
    }
}
