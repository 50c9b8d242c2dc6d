using Convergent.Nn;
using Xunit.Abstractions;

namespace Convergent.Diagnostics.Tests;

public class DoctorEndToEndTests(ITestOutputHelper output)
{
    // deterministic: every step measured and checked (the time-budgeted sampling is tested on its own below)
    private static readonly DoctorOptions Fast = new() { QuickProbeBudget = TimeSpan.FromSeconds(2), Probes = new ProbeOptions(), RuleTimeShare = null };

    private void Print(DoctorResult r)
    {
        foreach (var f in r.Diagnosis.Findings) output.WriteLine(f + "  | " + f.Evidence);
        foreach (var p in r.Problems) output.WriteLine("PROBLEM " + p);
        output.WriteLine($"data: {r.Record.Data?.Input}");
    }

    [Fact]
    public void Probe_AsCallback_RecordsEveryMiniBatchPerLayer()
    {
        var (x, y) = Toy.Blobs();
        var model = Toy.Mlp(() => new Adam(0.01))();
        model.Output = TextWriter.Null;
        var probe = new DoctorProbe();
        model.Fit(x, y, batchSize: 32, epochs: 3, verbose: 0, callbacks: [probe]);
        var r = probe.Record;
        int steps = 3 * 8;
        Assert.Equal(steps, r.Steps.Count);
        Assert.Equal([1, 2, 3], r.Epochs.Numbers);
        Assert.True(r.Epochs.Has("accuracy"));
        Assert.True(r.Epochs.Has("lr"));
        var dense = r.Layer("dense");
        Assert.Equal(steps, dense.GradientNorm.Count);
        Assert.Equal(Enumerable.Range(0, steps).Select(i => (long)i), dense.GradientNorm.Select(p => p.Step));
        Assert.All(dense.GradientNorm, p => Assert.True(p.Value > 0 && double.IsFinite(p.Value)));
        Assert.Equal(steps, dense.DeadShare.Count);
        Assert.Equal(steps, dense.UpdateRatio.Count);
        Assert.Equal(2, dense.Weights.Count);
        Assert.Equal(steps, r.Output.MaxProbability.Count);
        Assert.Equal(3, r.Output.PredictedClasses.Count);
        Assert.Equal(256, r.Output.PredictedClasses[0].Total);
        Assert.NotNull(r.Model);
        Assert.Equal(["dense", "dense_1"], r.Layers.Select(l => l.Name));
        Assert.Single(dense.ActivationHistograms);   // step 0 (every 100)
        // the probe detached itself at the end of Fit
        model.Fit(x, y, batchSize: 32, epochs: 1, verbose: 0);
        Assert.Equal(steps, r.Steps.Count);
    }

    [Fact]
    public void Probe_Sampling_SitsOutSteps_ButRecordsEveryBatchLoss()
    {
        var (x, y) = Toy.Blobs(n: 256);
        double[] Losses(ProbeOptions options, out DoctorProbe probe)
        {
            var model = Toy.Mlp(() => new SGD(0.05))();
            model.Output = TextWriter.Null;
            probe = new DoctorProbe(options: options);
            model.Fit(x, y, batchSize: 32, epochs: 3, verbose: 0, callbacks: [probe], shuffle: true);
            return probe.Record.Steps.Loss.Values.ToArray();
        }
        var every = Losses(new ProbeOptions(), out var full);
        var sampled = Losses(new ProbeOptions { StatsEvery = 3 }, out var third);
        Assert.Equal(24, every.Length);
        Assert.Equal(every.Length, sampled.Length);
        // steps the probe sat out get their loss back from Keras's running mean: (b + 1)·m_b − b·m_(b−1)
        for (int i = 0; i < every.Length; i++) Assert.Equal(every[i], sampled[i], 9);
        Assert.Equal(24, full.Record.Layer("dense").GradientNorm.Count);
        Assert.Equal([0L, 3, 6, 9, 12, 15, 18, 21], third.Record.Layer("dense").GradientNorm.Select(p => p.Step));
        Assert.Equal(8, third.Record.Layer("dense").UpdateRatio.Count);
    }

    [Fact]
    public void Doctor_TimeBudgetedSampling_StillDiagnosesTheRun()
    {
        var (x, y) = Toy.Blobs(scale: 1000);
        var result = new Doctor(new DoctorOptions { QuickProbes = [] }).Run(Toy.Mlp(() => new SGD(0.01)), x, y, new FitSettings { Epochs = 5, BatchSize = 32 });
        Assert.Empty(result.Problems);
        Assert.Equal(40, result.Record.Steps.Count);
        Assert.Equal(FindingCode.InputNotNormalized, result.Diagnosis.Findings[0].Code);
        Assert.Contains(result.Diagnosis.Findings, f => f.Code == FindingCode.SaturatedOutput);
    }

    [Fact]
    public void Doctor_HealthyRun_HasNoErrorOrWarning()
    {
        var (x, y) = Toy.Blobs();
        var result = new Doctor(Fast).Run(Toy.Mlp(() => new Adam(0.01)), x, y, new FitSettings { Epochs = 10, BatchSize = 32, ValidationSplit = 0.2 });
        Print(result);
        Assert.Empty(result.Problems);
        Assert.DoesNotContain(result.Diagnosis.Findings, f => f.Severity >= Severity.Warning);
        Assert.Equal(Verdict.Healthy, result.Diagnosis.Verdict);
        Assert.NotNull(result.Record.Init?.SmallBatch);
        Assert.Equal(1.0, result.Record.Init!.SmallBatch!.Accuracy);
        Assert.True(result.Record.Init.ZeroInput!.RealLoss < result.Record.Init.ZeroInput.ZeroLoss);
        Assert.InRange(result.Record.Init.InitialLoss!.Value, 0.3, 2);
    }

    [Fact]
    public void Doctor_Divergence_StopsCleanlyAtNaN_AndReportsIt()
    {
        // a regression whose steps overshoot: y = x₀ + x₁ on inputs of scale 10, plain SGD with a huge rate
        var (x, _) = Toy.Blobs(scale: 10);
        var xv = x.ToFloatArray();
        var y = Tensor.FromArray(Enumerable.Range(0, 256).Select(i => xv[2 * i] + xv[2 * i + 1]).ToArray(), 256, 1);
        Func<Model> factory = () =>
        {
            var m = new Sequential([new Dense(16, Activations.Relu), new Dense(1)], new Shape(2));
            m.Compile(new SGD(0.5), new MeanSquaredError());
            return m;
        };
        var result = new Doctor(Fast with { QuickProbes = [] }).Run(factory, x, y, new FitSettings { Epochs = 20, BatchSize = 32 });
        Print(result);
        Assert.Equal(StopReason.Nan, result.Record.Training.Stopped);
        var nan = Assert.Single(result.Diagnosis.Findings, f => f.Code == FindingCode.NanLoss);
        Assert.NotNull(nan.Step);
        Assert.True(result.Record.Steps.Count < 20 * 8, "training stopped at the first NaN");
        Assert.Equal(nan.Step, result.Record.Steps.LastStep);
        Assert.Equal(Verdict.Diverged, result.Diagnosis.Verdict);
        var exploding = result.Diagnosis.Findings.First(f => f.Code == FindingCode.ExplodingGradient);
        var lr = Assert.Single(result.Diagnosis.Findings, f => f.Code == FindingCode.LrTooHigh);
        Assert.True(lr.Evidence.Number("update_ratio") > 0.1);
        // the chain NAN_LOSS ← EXPLODING_GRADIENT ← LR_TOO_HIGH (← INPUT_NOT_NORMALIZED), nearest causes only
        Assert.Equal([FindingCode.ExplodingGradient], nan.CausedBy);
        Assert.Equal([FindingCode.LrTooHigh], exploding.CausedBy);
        Assert.Equal([FindingCode.InputNotNormalized], lr.CausedBy);
        var order = result.Diagnosis.Findings.Select(f => f.Code).ToList();
        Assert.True(order.IndexOf(FindingCode.LrTooHigh) < order.IndexOf(FindingCode.ExplodingGradient));
        Assert.True(order.IndexOf(FindingCode.ExplodingGradient) < order.IndexOf(FindingCode.NanLoss));
    }

    [Fact]
    public void Doctor_UnscaledInputs_PinTheSoftmax_AndFreezeTheWeights()
    {
        // user story 2 in miniature: inputs ×1000 pin the softmax at 0/1 from the first step; Keras's clipped
        // crossentropy then passes back exactly zero gradient, so the weights never change and the samples that are
        // wrong stay wrong (the loss is stuck at (wrong share) × ln(1e7))
        var (x, y) = Toy.Blobs(scale: 1000);
        var result = new Doctor(Fast with { QuickProbes = [] }).Run(Toy.Mlp(() => new SGD(0.01)), x, y, new FitSettings { Epochs = 5, BatchSize = 32 });
        Print(result);
        Assert.Empty(result.Problems);
        var d = result.Diagnosis;
        var codes = d.Findings.Select(f => f.Code).ToList();
        Assert.Equal(FindingCode.InputNotNormalized, codes[0]);
        var sat = d.Findings.Single(f => f.Code == FindingCode.SaturatedOutput);
        Assert.Equal("dense_1", sat.Layer);
        Assert.Equal(1.0, sat.Evidence.Number("max_probability"), 3);
        Assert.Equal(1e-7, sat.Evidence.Number("implied_wrong_probability"), 1e-9);   // Keras's epsilon
        Assert.Contains(FindingCode.InputNotNormalized, sat.CausedBy);
        var unchanged = d.Findings.Where(f => f.Code == FindingCode.UnchangedWeights).ToList();
        Assert.Equal(["dense", "dense_1"], unchanged.Select(f => f.Layer));
        Assert.All(unchanged, f => Assert.Equal(0, f.Evidence.Number("update_ratio")));
        Assert.All(unchanged, f => Assert.Equal([FindingCode.VanishingGradient], f.CausedBy));   // ← SATURATED_OUTPUT, one level up
        Assert.All(d.Findings.Where(f => f.Code == FindingCode.VanishingGradient), f => Assert.Equal([FindingCode.SaturatedOutput], f.CausedBy));
        Assert.True(codes.IndexOf(FindingCode.SaturatedOutput) < codes.IndexOf(FindingCode.UnchangedWeights));
        Assert.Equal(Verdict.Hurt, d.Verdict);
    }

    [Fact]
    public void Doctor_UserStory5_TailSplitOfSortedData_IsTheRootCause()
    {
        // two curves, class 0 first then class 1, never shuffled; validation_split takes the tail (class 1, largest x)
        var xs = new List<float>(); var ys = new List<float>();
        for (int c = 0; c < 2; c++)
            for (int i = 0; i < 256; i++)
            {
                double v = 2 * Math.PI * i / 255;
                xs.AddRange([(float)v, (float)(Math.Cos(1.2 * v) + (c == 0 ? 0.8 : -0.8))]);
                ys.AddRange([c == 0 ? 1 : 0, c == 0 ? 0 : 1]);
            }
        var x = Tensor.FromArray(xs.ToArray(), 512, 2); var y = Tensor.FromArray(ys.ToArray(), 512, 2);
        Func<Model> factory = () =>
        {
            var m = new Sequential([new Dense(4, Activations.Tanh), new Dense(4, Activations.Tanh), new Dense(4, Activations.Tanh),
                new Dense(4, Activations.Tanh), new Dense(2, Activations.Softmax)], new Shape(2));
            m.Compile(new SGD(0.01), new CategoricalCrossentropy(), new Accuracy());
            return m;
        };
        var result = new Doctor(Fast).Run(factory, x, y, new FitSettings { Epochs = 30, BatchSize = 8, ValidationSplit = 0.2 });
        Print(result);
        Assert.Empty(result.Problems);
        var d = result.Diagnosis;
        Assert.Equal(FindingCode.ValidationSplitUnrepresentative, d.Findings[0].Code);
        Assert.Equal([0.0, 1.0], d.Findings[0].Evidence["val_class_shares"].Numbers!);
        Assert.DoesNotContain(d.Findings, f => f.Severity == Severity.Error);
        Assert.All(d.Findings.Skip(1).Where(f => f.Code == FindingCode.Overfitting),
            f => Assert.Equal([FindingCode.ValidationSplitUnrepresentative], f.CausedBy));
    }

    [Fact]
    public void Doctor_UserStory2_KernelAsLargeAsTheImage_PredictsOneClass()
    {
        // user story 2 scaled down (40×40 instead of 400×400, kernel = image kept): raw 0–255 single-channel images,
        // Theano channels-first, he_normal ReLU conv, SGD, validation = training set, 45 % / 55 % labels
        int n = 100, h = 40;
        var rng = new Random(3);
        var xv = new float[n * h * h]; var yv = new float[n * 2];
        for (int i = 0; i < n; i++)
        {
            yv[i * 2 + (i < 45 ? 1 : 0)] = 1;
            for (int p = 0; p < h * h; p++) xv[i * h * h + p] = rng.Next(256);
        }
        var x = Tensor.FromArray(xv, n, 1, h, h); var y = Tensor.FromArray(yv, n, 2);
        Func<Model> factory = () =>
        {
            var m = new Sequential([new Conv2D(32, h, dataFormat: DataFormat.ChannelsFirst, activation: Activations.Relu, kernelInitializer: new HeNormal()),
                new Flatten(), new Dense(25, Activations.Relu), new Dense(2, Activations.Softmax)], new Shape(1, h, h));
            m.Compile(new SGD(0.01), new CategoricalCrossentropy(), new Accuracy());
            return m;
        };
        var result = new Doctor(Fast with { QuickProbeBudget = TimeSpan.FromSeconds(1) }).Run(factory, x, y,
            new FitSettings { Epochs = 6, BatchSize = 10, ValidationData = (x, y) });
        Print(result);
        Assert.Empty(result.Problems);
        var d = result.Diagnosis;
        Assert.Equal(Verdict.NotLearning, d.Verdict);
        Assert.Equal(FindingCode.SpatialCollapse, d.Findings[0].Code);
        Assert.Equal(1600, d.Findings[0].Evidence.Number("weights_per_filter"));
        Assert.Contains(d.Findings, f => f.Code == FindingCode.InputNotNormalized);
        Assert.Equal(1.0, d.Findings.Single(f => f.Code == FindingCode.TrainValLeakage).Evidence.Number("duplicate_share"));
        var sat = d.Findings.Single(f => f.Code == FindingCode.SaturatedOutput);
        Assert.Subset(new HashSet<string> { FindingCode.InputNotNormalized, FindingCode.SpatialCollapse }, sat.CausedBy.ToHashSet());
        var constant = d.Findings.Single(f => f.Code == FindingCode.ConstantPrediction);
        Assert.Equal(constant.Evidence.Number("class_share"), constant.Evidence.Number("accuracy"), 6);   // accuracy = that class's share
        Assert.Contains(FindingCode.SaturatedOutput, constant.CausedBy);
        Assert.Contains(d.Findings, f => f.Code == FindingCode.NoLearning);
        var codes = d.Findings.Select(f => f.Code).ToList();
        Assert.True(codes.IndexOf(FindingCode.SaturatedOutput) < codes.IndexOf(FindingCode.ConstantPrediction));
        Assert.True(codes.IndexOf(FindingCode.ConstantPrediction) < codes.IndexOf(FindingCode.NoLearning));
    }
}
