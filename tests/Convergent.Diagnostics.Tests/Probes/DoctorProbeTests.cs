using Convergent.Nn;

namespace Convergent.Diagnostics.Tests;

/// <summary>The probe's statistics against values computed by hand on tiny tensors fed straight to its hooks.</summary>
public class DoctorProbeTests
{
    private static Sequential Model(Layer[] layers, params int[] input)
    {
        var m = new Sequential(layers, new Shape(input));
        m.Compile(new SGD(0.1), new CategoricalCrossentropy());
        return m;
    }

    private static Tensor T(float[] data, params int[] shape) => Tensor.FromArray(data, shape);

    /// <summary>Ends the step as the trainer does: backward, then the update — listing every trainable weight that has a
    /// gradient, as the optimizer would, but without gradient statistics, so the probe measures the gradients itself.</summary>
    private static void Commit(DoctorProbe p, Model m, double loss = 0.7)
    {
        var step = new TrainingStep(m, 0, 0, m.Optimizer!.Iterations, loss, 0.1);
        p.AfterBackward(step);
        var updates = m.TrainableWeights.Where(v => v.Gradient is not null)
            .Select(v => new VariableUpdate(v, 0, Math.Sqrt(v.Value.ToDoubleArray().Sum(x => x * x)))).ToArray();
        p.AfterUpdate(step, new VariableUpdates(updates));
    }

    [Fact]
    public void Relu_DeadShare_IsShareOfUnitsZeroForTheWholeBatch()
    {
        var relu = new Dense(3, Activations.Relu);
        var m = Model([relu, new Dense(2, Activations.Softmax)], 2);
        var p = new DoctorProbe();
        using var _ = p.Attach(m);
        // unit 0 is zero for all rows, unit 1 and unit 2 are active on some row
        var y = T([0, 1, 0, 0, 2, 0, 0, 0, 0.5f], 3, 3);
        p.AfterForward(relu, T(new float[6], 3, 2), y, y, training: true);
        Commit(p, m);
        var r = p.Record.Layer(relu.Name);
        Assert.Equal([new SeriesPoint(0, 1.0 / 3)], r.DeadShare);
        Assert.Equal(3.5 / 9, r.ActivationMean[0].Value, 12);
        double mean = 3.5 / 9, var = (1 + 4 + 0.25) / 9.0 - mean * mean;
        Assert.Equal(Math.Sqrt(var), r.ActivationStd[0].Value, 6);
        Assert.Equal(0, r.ActivationMin[0].Value);
        Assert.Equal(2, r.ActivationMax[0].Value);
        Assert.Equal(0, r.NonFiniteActivations[0].Value);
        Assert.True(r.SaturatedShare.IsEmpty);   // not a saturating activation
        Assert.Equal([new SeriesPoint(0, 0.7)], p.Record.Steps.Loss);
    }

    [Fact]
    public void Tanh_SaturatedShare_IsShareOfUnitsAtOrBeyondFiveForTheWholeBatch()
    {
        var tanh = new Dense(3, Activations.Tanh);
        var m = Model([tanh, new Dense(2, Activations.Softmax)], 2);
        var p = new DoctorProbe();
        using var _ = p.Attach(m);
        // (N=3, units=3): unit 0 is at |z| ≥ 5 on every row (either sign: 6, −7, 5); unit 1 is linear on row 0 (−0.5);
        // unit 2 just misses the bound on row 2 (4.9). Counting pre-activations instead of units would give 6/9.
        var pre = T([6, -0.5f, -5, -7, 9, -6, 5, 9, 4.9f], 3, 3);
        var y = Tensor.FromArray(pre.ToDoubleArray().Select(v => (float)Math.Tanh(v)).ToArray(), 3, 3);
        p.AfterForward(tanh, T(new float[6], 3, 2), y, pre, training: true);
        Commit(p, m);
        var r = p.Record.Layer(tanh.Name);
        Assert.Equal(1.0 / 3, r.SaturatedShare[0].Value, 12);
        Assert.True(r.DeadShare.IsEmpty);
    }

    [Fact]
    public void Statistics_FollowTheActivationKind_NeverTheName()
    {
        var reluNamedTanh = new Dense(2, Activations.Relu, name: "tanh_layer");
        var tanhNamedRelu = new Dense(2, Activations.Tanh, name: "relu_layer");
        var m = Model([reluNamedTanh, tanhNamedRelu, new Dense(2, Activations.Softmax)], 2);
        var p = new DoctorProbe();
        using var _ = p.Attach(m);
        var y = T([0, 1, 0, 1], 2, 2);
        p.AfterForward(reluNamedTanh, y, y, y, true);
        p.AfterForward(tanhNamedRelu, y, y, T([9, 9, 9, 9], 2, 2), true);
        Commit(p, m);
        Assert.Equal(0.5, p.Record.Layer("tanh_layer").DeadShare[0].Value);
        Assert.True(p.Record.Layer("tanh_layer").SaturatedShare.IsEmpty);
        Assert.Equal(1.0, p.Record.Layer("relu_layer").SaturatedShare[0].Value);
        Assert.True(p.Record.Layer("relu_layer").DeadShare.IsEmpty);
    }

    [Fact]
    public void ChannelsFirstConv_DeadShare_IsPerChannel()
    {
        var conv = new Conv2D(2, 1, dataFormat: DataFormat.ChannelsFirst, activation: Activations.Relu);
        var m = Model([conv, new Flatten(), new Dense(2, Activations.Softmax)], 1, 1, 2);
        var p = new DoctorProbe();
        using var _ = p.Attach(m);
        // (N=2, C=2, H=1, W=2): channel 0 active in sample 1, channel 1 zero everywhere
        var y = T([0, 0, 0, 0, 0, 3, 0, 0], 2, 2, 1, 2);
        p.AfterForward(conv, y, y, y, true);
        Commit(p, m);
        Assert.Equal(0.5, p.Record.Layer(conv.Name).DeadShare[0].Value);
    }

    [Fact]
    public void ChannelsFirstConv_SaturatedShare_IsPerChannel()
    {
        var conv = new Conv2D(2, 1, dataFormat: DataFormat.ChannelsFirst, activation: Activations.Sigmoid);
        var m = Model([conv, new Flatten(), new Dense(2, Activations.Softmax)], 1, 1, 2);
        var p = new DoctorProbe();
        using var _ = p.Attach(m);
        // (N=2, C=2, H=1, W=2): channel 0 is at |z| ≥ 5 at every position of both samples, channel 1 has a 0.3 in sample 1
        var pre = T([8, -5, 6, 7, 9, 5, 0.3f, 12], 2, 2, 1, 2);
        p.AfterForward(conv, pre, pre, pre, true);
        Commit(p, m);
        Assert.Equal(0.5, p.Record.Layer(conv.Name).SaturatedShare[0].Value);
    }

    [Fact]
    public void Gradients_NormAndMeanAbs_PerWeightAndPerLayer()
    {
        var dense = new Dense(3, Activations.Relu);
        var m = Model([dense, new Dense(2, Activations.Softmax)], 2);
        var p = new DoctorProbe();
        using var _ = p.Attach(m);
        dense.Kernel!.Value.Grad = T([3, 4, 0, 0, 0, 0], 2, 3);
        dense.Bias!.Value.Grad = T([0, 0, 12], 3);
        Commit(p, m);
        var r = p.Record.Layer(dense.Name);
        Assert.Equal(13, r.GradientNorm[0].Value, 12);          // √(9 + 16 + 144)
        Assert.Equal(19.0 / 9, r.GradientMeanAbs[0].Value, 12);
        Assert.Equal(5, r.Weight("kernel").GradientNorm[0].Value, 12);
        Assert.Equal(7.0 / 6, r.Weight("kernel").GradientMeanAbs[0].Value, 12);
        Assert.Equal(12, r.Weight("bias").GradientNorm[0].Value, 12);
        Assert.Equal(0, r.NonFiniteGradients[0].Value);
        // the output layer had no gradients this step: nothing recorded for it
        Assert.True(p.Record.Layers[1].GradientNorm.IsEmpty);
    }

    [Fact]
    public void Gradients_NonFinite_AreCountedAndExcludedFromTheNorm()
    {
        var dense = new Dense(2, Activations.Relu);
        var m = Model([dense, new Dense(2, Activations.Softmax)], 1);
        var p = new DoctorProbe();
        using var _ = p.Attach(m);
        dense.Kernel!.Value.Grad = T([float.NaN, 2], 1, 2);
        Commit(p, m);
        Assert.Equal(1, p.Record.Layer(dense.Name).NonFiniteGradients[0].Value);
        Assert.Equal(2, p.Record.Layer(dense.Name).GradientNorm[0].Value);
    }

    [Fact]
    public void Updates_RatioPerWeightAndPerLayer()
    {
        var dense = new Dense(3, Activations.Relu);
        var m = Model([dense, new Dense(2, Activations.Softmax)], 2);
        var p = new DoctorProbe();
        using var _ = p.Attach(m);
        var step = new TrainingStep(m, 0, 0, 0, 0.5, 0.1);
        p.AfterBackward(step);
        p.AfterUpdate(step, new VariableUpdates(new VariableUpdate(dense.Kernel!, 0.03, 3.0), new VariableUpdate(dense.Bias!, 0.04, 4.0)));
        var r = p.Record.Layer(dense.Name);
        Assert.Equal(0.01, r.Weight("kernel").UpdateRatio[0].Value, 12);
        Assert.Equal(0.01, r.Weight("bias").UpdateRatio[0].Value, 12);
        Assert.Equal(0.05 / 5, r.UpdateRatio[0].Value, 12);      // √(0.03² + 0.04²) / √(3² + 4²)
        Assert.Equal(5, r.WeightNorm[0].Value, 12);
    }

    [Theory]
    [InlineData("adamw")]
    [InlineData("sgd_momentum")]
    public void Updates_FromRealTrainingSteps_MatchTheWeightsChange(string optimizer)
    {
        // the engine's tracked update (sums kept by the fused kernel, decay folded in) against the weights' actual change
        var dense = new Dense(300, Activations.Relu);
        var m = new Sequential([dense, new Dense(3, Activations.Softmax)], new Shape(40));
        m.Compile(optimizer == "adamw" ? new AdamW(0.01, weightDecay: 0.1) : new SGD(0.1, momentum: 0.9), new CategoricalCrossentropy());
        var rng = new Random(5);
        var x = Tensor.FromArray(Enumerable.Range(0, 16 * 40).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray(), 16, 40);
        var y = Tensor.FromArray(Enumerable.Range(0, 16 * 3).Select(i => i % 3 == (i / 3) % 3 ? 1f : 0f).ToArray(), 16, 3);
        var p = new DoctorProbe();
        using var _ = p.Attach(m);
        for (int step = 0; step < 3; step++)
        {
            var kernel = dense.Kernel!.Value.ToDoubleArray(); var bias = dense.Bias!.Value.ToDoubleArray();
            m.TrainOnBatch(x, y);
            double dk = SquaredDistance(kernel, dense.Kernel.Value.ToDoubleArray()), db = SquaredDistance(bias, dense.Bias.Value.ToDoubleArray());
            double wk = SquaredDistance(new double[kernel.Length], dense.Kernel.Value.ToDoubleArray());
            double wb = SquaredDistance(new double[bias.Length], dense.Bias.Value.ToDoubleArray());
            var r = p.Record.Layer(dense.Name);
            // float32 sums over blocks, then double: ~1e-6 relative (see the optimizer tests' tolerance note)
            Assert.Equal(Math.Sqrt(dk / wk), r.Weight("kernel").UpdateRatio[step].Value, Math.Sqrt(dk / wk) * 2e-5);
            Assert.Equal(Math.Sqrt(wk), r.Weight("kernel").WeightNorm[step].Value, Math.Sqrt(wk) * 2e-5);
            Assert.Equal(Math.Sqrt((dk + db) / (wk + wb)), r.UpdateRatio[step].Value, Math.Sqrt((dk + db) / (wk + wb)) * 2e-5);
        }

        static double SquaredDistance(double[] a, double[] b) => a.Zip(b, (u, v) => (u - v) * (u - v)).Sum();
    }

    [Fact]
    public void Output_MaxProbabilityAndPredictedClasses()
    {
        var head = new Dense(2, Activations.Softmax);
        var m = Model([new Dense(2, Activations.Relu), head], 2);
        var p = new DoctorProbe();
        using var _ = p.Attach(m);
        p.OnEpochBegin(0);
        var y = T([0.9f, 0.1f, 0.2f, 0.8f, 0.6f, 0.4f], 3, 2);
        p.AfterForward(head, y, y, y, true);
        Commit(p, m);
        p.OnEpochEnd(0, new Convergent.Nn.Logs([new("loss", 0.5)]));
        Assert.Equal((0.9 + 0.8 + 0.6) / 3, p.Record.Output.MaxProbability[0].Value, 6);
        Assert.Equal(2.0 / 3, p.Record.Output.MajorityPredictionShare[0].Value, 12);
        var h = Assert.Single(p.Record.Output.PredictedClasses);
        Assert.Equal(1, h.Epoch);
        Assert.Equal([2L, 1L], h.Counts);
        Assert.Equal([1], p.Record.Epochs.Numbers);
        Assert.Equal(0.5, p.Record.Epochs.Loss[0]);
    }

    [Theory]
    [InlineData(2)]    // two classes, without a jump
    [InlineData(3)]    // the plain arg-max loop
    [InlineData(40)]   // TensorPrimitives.IndexOfMax
    public void Output_PredictedClasses_FirstOfTiesAndFirstNaN_AsTensorPrimitives(int classes)
    {
        var head = new Dense(classes, Activations.Softmax);
        var m = Model([new Dense(2, Activations.Relu), head], 2);
        var p = new DoctorProbe();
        using var _ = p.Attach(m);
        p.OnEpochBegin(0);
        var rng = new Random(classes);
        int rows = 50;
        var v = new float[rows * classes];
        for (int i = 0; i < v.Length; i++) v[i] = rng.Next(4) / 4f;   // many ties
        v[7 * classes + classes - 1] = float.NaN; v[7 * classes + 1] = float.NaN;   // two NaNs in a row: the first one counts
        v[9 * classes] = float.NaN;
        v[11 * classes] = float.NaN; v[11 * classes + 1] = float.NaN;
        var expected = new long[classes];
        for (int r = 0; r < rows; r++) expected[Math.Max(0, System.Numerics.Tensors.TensorPrimitives.IndexOfMax<float>(v.AsSpan(r * classes, classes)))]++;
        var y = T(v, rows, classes);
        p.AfterForward(head, y, y, y, true);
        Commit(p, m);
        p.OnEpochEnd(0, new Convergent.Nn.Logs([new("loss", 0.5)]));
        Assert.Equal(expected, Assert.Single(p.Record.Output.PredictedClasses).Counts);
    }

    [Fact]
    public void Output_Logits_MaxProbabilityIsSoftmaxOfLogits()
    {
        var head = new Dense(2);
        var m = new Sequential([new Dense(2, Activations.Relu), head], new Shape(2));
        m.Compile(new SGD(0.1), new CategoricalCrossentropy(fromLogits: true));
        var p = new DoctorProbe();
        using var _ = p.Attach(m);
        var y = T([0, (float)Math.Log(3)], 1, 2);   // softmax = (0.25, 0.75)
        p.AfterForward(head, y, y, null, true);
        Commit(p, m);
        Assert.Equal(0.75, p.Record.Output.MaxProbability[0].Value, 6);
    }

    [Fact]
    public void Activations_NaN_IsCountedAndMomentsUseFiniteValues()
    {
        var dense = new Dense(2, Activations.Relu);
        var m = Model([dense, new Dense(2, Activations.Softmax)], 2);
        var p = new DoctorProbe();
        using var _ = p.Attach(m);
        var y = T([1, float.NaN, 3, float.PositiveInfinity], 2, 2);
        p.AfterForward(dense, y, y, y, true);
        Commit(p, m);
        var r = p.Record.Layer(dense.Name);
        Assert.Equal(2, r.NonFiniteActivations[0].Value);
        Assert.Equal(2, r.ActivationMean[0].Value);
    }

    [Fact]
    public void InferenceForwards_AreIgnoredByDefault()
    {
        var dense = new Dense(2, Activations.Relu);
        var m = Model([dense, new Dense(2, Activations.Softmax)], 2);
        var p = new DoctorProbe();
        using var _ = p.Attach(m);
        var y = T([0, 1, 0, 1], 2, 2);
        p.AfterForward(dense, y, y, y, training: false);
        Commit(p, m);
        Assert.True(p.Record.Layer(dense.Name).ActivationMean.IsEmpty);
    }

    [Fact]
    public void Histograms_AreTakenEveryKSteps_WithFixedBins()
    {
        var dense = new Dense(2, Activations.Relu);
        var m = Model([dense, new Dense(2, Activations.Softmax)], 2);
        var p = new DoctorProbe(options: new ProbeOptions { HistogramEvery = 1, HistogramBins = 4 });
        using var _ = p.Attach(m);
        var y = T([0, 1, 2, 4], 2, 2);
        p.AfterForward(dense, y, y, y, true);
        dense.Kernel!.Value.Grad = T([1, -1, 1, 1], 2, 2);
        Commit(p, m);
        var h = Assert.Single(p.Record.Layer(dense.Name).ActivationHistograms);
        Assert.Equal(0, h.Min);
        Assert.Equal(4, h.Max);
        Assert.Equal([1L, 1, 1, 1], h.Counts);   // bins [0,1) [1,2) [2,3) [3,4]
        var g = Assert.Single(p.Record.Layer(dense.Name).GradientHistograms);
        Assert.Equal([1L, 0, 0, 3], g.Counts);
    }

    [Fact]
    public void ALongRun_KeepsABoundedRecord_WithItsStartAndItsLatestStepsAtFullResolution()
    {
        var hidden = new Dense(4, Activations.Tanh);
        var m = Model([hidden, new Dense(2, Activations.Softmax)], 2);
        m.Output = TextWriter.Null;
        var record = new RunRecord(maxStatisticsRows: 256, maxStepRows: 512);
        var p = new DoctorProbe(record, new ProbeOptions { HistogramEvery = 10, MaxHistograms = 16 });
        var rng = new Random(3);
        var x = Tensor.FromArray(Enumerable.Range(0, 128).Select(_ => (float)rng.NextDouble()).ToArray(), 64, 2);
        var y = Tensor.FromArray(Enumerable.Range(0, 64).SelectMany(i => i % 2 == 0 ? new float[] { 1, 0 } : [0, 1]).ToArray(), 64, 2);
        m.Fit(x, y, batchSize: 8, epochs: 400, verbose: 0, callbacks: [p]);   // 3200 steps
        const int steps = 3200;
        Assert.Equal(steps, record.Steps.Total);
        Assert.True(record.Steps.Count <= 512);
        Assert.Equal(steps, record.Statistics.RowsWritten);
        Assert.True(record.Statistics.Rows <= 256);
        var g = record.Layer(hidden.Name).GradientNorm;
        Assert.Equal(record.Statistics.Rows, g.Count);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (long)i), g.Steps[..16].ToArray());          // the start
        Assert.Equal(Enumerable.Range(steps - 32, 32).Select(i => (long)i), g.Steps[^32..].ToArray());   // the latest
        Assert.True(record.Statistics.Stride > 1);
        // the loss keeps its epochs, and the values the rules read are the ones measured at those steps
        Assert.Equal(400, record.Steps.EpochOf(steps - 1));
        Assert.All(record.Steps.Epoch, pt => Assert.Equal(pt.Step / 8 + 1, (long)pt.Value));
        // histograms: at most MaxHistograms + 1, evenly spaced after the first eighth
        var h = record.Layer(hidden.Name).ActivationHistograms;
        Assert.InRange(h.Count, 8, 17);
        var later = h.Skip(2).Select(v => v.Step).ToArray();
        long gap = later[1] - later[0];
        Assert.True(gap > 10 && gap % 10 == 0, $"interval {gap}");
        for (int i = 1; i < later.Length; i++) Assert.Equal(gap, later[i] - later[i - 1]);
    }

    [Fact]
    public void ProbeOptions_Invalid_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DoctorProbe(options: new ProbeOptions { StatsEvery = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DoctorProbe(options: new ProbeOptions { SaturationBound = -1 }));
    }
}
