using Convergent.Nn;

namespace Convergent.Diagnostics.Tests;

/// <summary>Each before-training rule fires on model/data facts built to trigger it (real models, real data facts where
/// possible) and stays silent on a sound setup.</summary>
public class BeforeRulesTests
{
    private static RunRecord Record(Model model, Tensor? x = null, Tensor? y = null, double split = 0, (Tensor, Tensor)? val = null, bool channelsFirst = false)
    {
        var r = new RunRecord { Model = ModelFacts.From(model), Training = TrainingFacts.From(model) };
        if (x is not null && y is not null) r.Data = DataFacts.Compute(x, y, split, val, channelsFirst);
        return r;
    }

    private static List<Finding> Check(Rule rule, RunRecord r) => rule.CheckBefore(r).ToList();

    private static Sequential Mlp(int inputs, int outputs, Activation outAct, Loss loss, params Layer[] hidden)
    {
        var m = new Sequential([.. hidden, new Dense(outputs, outAct)], new Shape(inputs));
        m.Compile(new Adam(), loss, new Accuracy());
        return m;
    }

    private static Tensor OneHot(int[] labels, int classes)
    {
        var t = new float[labels.Length * classes];
        for (int i = 0; i < labels.Length; i++) t[i * classes + labels[i]] = 1;
        return Tensor.FromArray(t, labels.Length, classes);
    }

    private static Tensor Labels(int[] labels) => Tensor.FromArray(labels.Select(l => (float)l).ToArray(), labels.Length);

    private static Tensor Normal(int n, int features, int seed = 1, double scale = 1, double shift = 0)
    {
        var rng = new Random(seed);
        return Tensor.FromArray(Enumerable.Range(0, n * features).Select(_ => (float)(shift + scale * Toy.Gauss(rng))).ToArray(), n, features);
    }

    private static int[] Cycle(int n, int classes) => Enumerable.Range(0, n).Select(i => i % classes).ToArray();

    [Fact]
    public void OutputUnitsMismatch_TwoUnitsTwentyClasses_IsAnError()
    {
        var m = Mlp(4, 2, Activations.Softmax, new SparseCategoricalCrossentropy(), new Dense(8, Activations.Relu));
        var f = Assert.Single(Check(new OutputUnitsMismatchRule(), Record(m, Normal(200, 4), Labels(Cycle(200, 20)))));
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("dense_1", f.Layer);
        Assert.Equal(2, f.Evidence.Number("units"));
        Assert.Equal(20, f.Evidence.Number("classes"));
        Assert.Equal("layers.Dense(20, activation=\"softmax\")", f.Fixes[0].Keras);
    }

    [Fact]
    public void OutputUnitsMismatch_SilentOnMatchAndOnOneSigmoidForBinary()
    {
        var ok = Mlp(4, 3, Activations.Softmax, new CategoricalCrossentropy(), new Dense(8, Activations.Relu));
        Assert.Empty(Check(new OutputUnitsMismatchRule(), Record(ok, Normal(60, 4), OneHot(Cycle(60, 3), 3))));
        var binary = Mlp(4, 1, Activations.Sigmoid, new BinaryCrossentropy(), new Dense(8, Activations.Relu));
        Assert.Empty(Check(new OutputUnitsMismatchRule(), Record(binary, Normal(60, 4), Labels(Cycle(60, 2)))));
    }

    [Fact]
    public void LossActivationMismatch_SoftmaxOnOneUnit_And_LinearWithCrossentropy()
    {
        var one = Mlp(4, 1, Activations.Softmax, new BinaryCrossentropy(), new Dense(8, Activations.Relu));
        var f = Assert.Single(Check(new LossActivationMismatchRule(), Record(one)));
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("softmax", f.Evidence["activation"].Text);
        Assert.Equal(1, f.Evidence.Number("units"));

        var linear = Mlp(4, 3, Activations.Linear, new CategoricalCrossentropy(), new Dense(8, Activations.Relu));
        var g = Assert.Single(Check(new LossActivationMismatchRule(), Record(linear)));
        Assert.Equal("linear", g.Evidence["activation"].Text);
        Assert.Equal("categorical_crossentropy", g.Evidence["loss"].Text);
        Assert.Equal("false", g.Evidence["from_logits"].Text);

        var logits = Mlp(4, 3, Activations.Linear, new CategoricalCrossentropy(fromLogits: true), new Dense(8, Activations.Relu));
        Assert.Empty(Check(new LossActivationMismatchRule(), Record(logits)));
        var ok = Mlp(4, 3, Activations.Softmax, new CategoricalCrossentropy(), new Dense(8, Activations.Relu));
        Assert.Empty(Check(new LossActivationMismatchRule(), Record(ok)));
    }

    [Fact]
    public void LossActivationMismatch_SoftmaxTwice_And_BinaryCrossentropyOverManyClasses()
    {
        var twice = new Sequential([new Dense(3, Activations.Softmax), new ActivationLayer(Activations.Softmax)], new Shape(4));
        twice.Compile(new Adam(), new CategoricalCrossentropy());
        Assert.Contains("twice", Assert.Single(Check(new LossActivationMismatchRule(), Record(twice))).Title);
        var bce = Mlp(4, 5, Activations.Softmax, new BinaryCrossentropy(), new Dense(8, Activations.Relu));
        Assert.Equal("categorical_loss", Assert.Single(Check(new LossActivationMismatchRule(), Record(bce))).Fixes[0].Action);
    }

    [Fact]
    public void LabelEncodingMismatch_IntegerLabelsWithCategoricalLoss_AndOneHotWithSparse()
    {
        var cat = Mlp(4, 3, Activations.Softmax, new CategoricalCrossentropy(), new Dense(8, Activations.Relu));
        var f = Assert.Single(Check(new LabelEncodingMismatchRule(), Record(cat, Normal(60, 4), Labels(Cycle(60, 3)))));
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("integer", f.Evidence["label_encoding"].Text);
        Assert.Equal("use_sparse_loss", f.Fixes[0].Action);

        var sparse = Mlp(4, 3, Activations.Softmax, new SparseCategoricalCrossentropy(), new Dense(8, Activations.Relu));
        var g = Assert.Single(Check(new LabelEncodingMismatchRule(), Record(sparse, Normal(60, 4), OneHot(Cycle(60, 3), 3))));
        Assert.Equal("onehot", g.Evidence["label_encoding"].Text);

        var outOfRange = Assert.Single(Check(new LabelEncodingMismatchRule(), Record(sparse, Normal(60, 4), Labels(Cycle(60, 5)))));
        Assert.Equal(4, outOfRange.Evidence.Number("label_max"));

        Assert.Empty(Check(new LabelEncodingMismatchRule(), Record(sparse, Normal(60, 4), Labels(Cycle(60, 3)))));
    }

    [Fact]
    public void DataNan_CountsAndFirstSample()
    {
        var x = Normal(50, 3).ToFloatArray();
        x[17 * 3 + 1] = float.NaN; x[40 * 3] = float.PositiveInfinity;
        var m = Mlp(3, 2, Activations.Softmax, new CategoricalCrossentropy(), new Dense(4, Activations.Relu));
        var f = Assert.Single(Check(new DataNanRule(), Record(m, Tensor.FromArray(x, 50, 3), OneHot(Cycle(50, 2), 2))));
        Assert.Equal(2, f.Evidence.Number("nonfinite_inputs"));
        Assert.Equal(17, f.Evidence.Number("first_input_sample"));
        Assert.Empty(Check(new DataNanRule(), Record(m, Normal(50, 3), OneHot(Cycle(50, 2), 2))));
    }

    [Fact]
    public void InputNotNormalized_RawPixels_SuggestsDividingBy255()
    {
        var rng = new Random(3);
        var pixels = Tensor.FromArray(Enumerable.Range(0, 40 * 8 * 8).Select(_ => (float)rng.Next(256)).ToArray(), 40, 8, 8, 1);
        var m = new Sequential([new Flatten(), new Dense(2, Activations.Softmax)], new Shape(8, 8, 1));
        m.Compile(new Adam(), new CategoricalCrossentropy());
        var f = Assert.Single(Check(new InputNotNormalizedRule(), Record(m, pixels, OneHot(Cycle(40, 2), 2))));
        Assert.Contains("raw pixel", f.Title);
        Assert.Equal(0, f.Evidence.Number("min"));
        Assert.Equal(255, f.Evidence.Number("max"));
        Assert.InRange(f.Evidence.Number("mean"), 110, 145);
        Assert.Equal("x_train = x_train / 255.0; x_test = x_test / 255.0", f.Fixes[0].Keras);
        var scaled = Tensor.FromArray(pixels.ToFloatArray().Select(v => v / 255f).ToArray(), 40, 8, 8, 1);
        Assert.Empty(Check(new InputNotNormalizedRule(), Record(m, scaled, OneHot(Cycle(40, 2), 2))));
    }

    [Fact]
    public void InputNotNormalized_JudgesTheInputsAsTheModelsLeadingRescalingPassesThemOn()
    {
        var rng = new Random(3);
        var pixels = Tensor.FromArray(Enumerable.Range(0, 40 * 8 * 8).Select(_ => (float)rng.Next(256)).ToArray(), 40, 8, 8, 1);
        var y = OneHot(Cycle(40, 2), 2);
        Sequential Model(params Layer[] front)
        {
            var m = new Sequential([.. front, new Flatten(), new Dense(2, Activations.Softmax)], new Shape(8, 8, 1));
            m.Compile(new Adam(), new CategoricalCrossentropy());
            return m;
        }
        // Rescaling(1/255) in the model: the first learned layer sees 0…1
        Assert.Empty(Check(new InputNotNormalizedRule(), Record(Model(new Rescaling(1.0 / 255)), pixels, y)));
        // a normalization layer first fixes the scale itself
        Assert.Empty(Check(new InputNotNormalizedRule(), Record(Model(new BatchNormalization()), pixels, y)));
        // Rescaling(1/4) leaves 0…63.75 (mean ≈ 32): still far from unit scale, and the finding says so with the model's factor
        var f = Assert.Single(Check(new InputNotNormalizedRule(), Record(Model(new Rescaling(0.25)), pixels, y)));
        Assert.Contains("even after the model's Rescaling", f.Title);
        Assert.Equal(0.25, f.Evidence.Number("model_rescaling_scale"));
        Assert.Equal(255 * 0.25, f.Evidence.Number("max"), 9);
        Assert.InRange(f.Evidence.Number("mean"), 110 / 4.0, 145 / 4.0);
        Assert.Equal("layers.Rescaling(1.0 / 255)  # replaces the model's first Rescaling", f.Fixes[0].Keras);
    }

    [Fact]
    public void InputNotNormalized_FeaturesOnWildlyDifferentScales()
    {
        var a = Normal(100, 1, seed: 1, scale: 0.001).ToFloatArray();
        var b = Normal(100, 1, seed: 2, scale: 3).ToFloatArray();
        var x = Tensor.FromArray(Enumerable.Range(0, 100).SelectMany(i => new[] { a[i], b[i] }).ToArray(), 100, 2);
        var m = Mlp(2, 2, Activations.Softmax, new CategoricalCrossentropy(), new Dense(4, Activations.Relu));
        var f = Assert.Single(Check(new InputNotNormalizedRule(), Record(m, x, OneHot(Cycle(100, 2), 2))));
        Assert.Equal(1, f.Evidence.Number("largest_std_feature"));
        Assert.Equal(0, f.Evidence.Number("smallest_std_feature"));
        Assert.True(f.Evidence.Number("std_ratio") > 1000);
    }

    [Fact]
    public void ClassImbalance_NineteenToOne_WithClassWeights()
    {
        var labels = Enumerable.Range(0, 200).Select(i => i % 20 == 0 ? 1 : 0).ToArray();
        var m = Mlp(3, 2, Activations.Softmax, new CategoricalCrossentropy(), new Dense(4, Activations.Relu));
        var f = Assert.Single(Check(new ClassImbalanceRule(), Record(m, Normal(200, 3), OneHot(labels, 2))));
        Assert.Equal(19, f.Evidence.Number("imbalance_ratio"), 9);
        Assert.Equal(0.95, f.Evidence.Number("majority_share"), 12);
        Assert.Equal([0.95, 0.05], f.Evidence["class_shares"].Numbers!.Select(v => Math.Round(v, 12)));
        Assert.Equal("model.fit(..., class_weight={0: 0.53, 1: 10})", f.Fixes[0].Keras);
        Assert.Empty(Check(new ClassImbalanceRule(), Record(m, Normal(200, 3), OneHot(Cycle(200, 2), 2))));
    }

    /// <summary>User story 5's data: 256 points on cos(1.2x) + 0.8 (class 0) then 256 on cos(1.2x) − 0.8 (class 1),
    /// x in [0, 2π], never shuffled.</summary>
    private static (Tensor X, Tensor Y) TwoCurves(bool shuffle)
    {
        var rows = new List<(float X0, float X1, int Label)>();
        for (int c = 0; c < 2; c++)
            for (int i = 0; i < 256; i++)
            {
                double xv = 2 * Math.PI * i / 255;
                rows.Add(((float)xv, (float)(Math.Cos(1.2 * xv) + (c == 0 ? 0.8 : -0.8)), c));
            }
        if (shuffle)
        {
            var rng = new Random(5);
            for (int i = rows.Count - 1; i > 0; i--) { int j = rng.Next(i + 1); (rows[i], rows[j]) = (rows[j], rows[i]); }
        }
        var x = Tensor.FromArray(rows.SelectMany(r => new[] { r.X0, r.X1 }).ToArray(), 512, 2);
        return (x, OneHot(rows.Select(r => r.Label).ToArray(), 2));
    }

    [Fact]
    public void ValidationSplitUnrepresentative_UserStory5_TailOfSortedData()
    {
        var (x, y) = TwoCurves(shuffle: false);
        var m = Mlp(2, 2, Activations.Softmax, new CategoricalCrossentropy(), new Dense(4, Activations.Tanh));
        var r = Record(m, x, y, split: 0.2);
        Assert.Equal(409, r.Data!.TrainSamples);   // Keras 3: ⌊512 · 0.8⌋
        Assert.Equal(103, r.Data.ValSamples);
        Assert.True(r.Data.LabelsSorted);
        var f = Assert.Single(Check(new ValidationSplitUnrepresentativeRule(), r));
        Assert.Equal([0.0, 1.0], f.Evidence["val_class_shares"].Numbers!);
        Assert.Equal(256.0 / 409, f.Evidence["train_class_shares"].Numbers![0], 12);
        Assert.Equal(256.0 / 409, f.Evidence.Number("label_share_distance"), 12);
        Assert.Equal(0, f.Evidence.Number("feature"));   // x: validation holds only the largest x values
        Assert.Equal(2 * Math.PI * 153 / 255, f.Evidence["val_range"].Numbers![0], 5);   // rows 409… = class 1 from i = 153: only x ≥ 3.77 of 0…2π
        Assert.Equal(0.2, f.Evidence.Number("validation_split"));
        Assert.Equal("true", f.Evidence["labels_sorted"].Text);
        Assert.Contains("no samples of class 0", f.Title);
        Assert.Equal("shuffle_before_split", f.Fixes[0].Action);
        Assert.Contains("np.random.permutation", f.Fixes[0].Keras);

        var (xs, ys) = TwoCurves(shuffle: true);
        Assert.Empty(Check(new ValidationSplitUnrepresentativeRule(), Record(m, xs, ys, split: 0.2)));
    }

    [Fact]
    public void TrainValLeakage_ValidationIsTheTrainingSet()
    {
        var x = Normal(60, 3); var y = OneHot(Cycle(60, 2), 2);
        var m = Mlp(3, 2, Activations.Softmax, new CategoricalCrossentropy(), new Dense(4, Activations.Relu));
        var f = Assert.Single(Check(new TrainValLeakageRule(), Record(m, x, y, val: (x, y))));
        Assert.Equal(60, f.Evidence.Number("duplicate_count"));
        Assert.Equal(1.0, f.Evidence.Number("duplicate_share"));
        Assert.Empty(Check(new TrainValLeakageRule(), Record(m, x, y, val: (Normal(20, 3, seed: 9), OneHot(Cycle(20, 2), 2)))));
    }

    [Fact]
    public void SpatialCollapse_KernelAsLargeAsTheImage_UserStory2()
    {
        // Theano channels-first input (1, 40, 40), 32 filters of 40×40 'valid': one position, a dense layer in disguise
        var m = new Sequential(
        [
            new Conv2D(32, 40, dataFormat: DataFormat.ChannelsFirst, activation: Activations.Relu, kernelInitializer: new HeNormal()),
            new Flatten(), new Dense(25, Activations.Relu), new Dense(2, Activations.Softmax),
        ], new Shape(1, 40, 40));
        m.Compile(new SGD(), new CategoricalCrossentropy());
        var f = Assert.Single(Check(new SpatialCollapseRule(), Record(m)));
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("conv2d", f.Layer);
        Assert.Equal([40.0, 40], f.Evidence["kernel_size"].Numbers!);
        Assert.Equal([40.0, 40], f.Evidence["input_hw"].Numbers!);
        Assert.Equal([1.0, 1], f.Evidence["output_hw"].Numbers!);
        Assert.Equal(1600, f.Evidence.Number("weights_per_filter"));
        Assert.Equal("small_kernels", f.Fixes[0].Action);
    }

    [Fact]
    public void SpatialCollapse_PoolingStackShrinksToOnePixel_IsAWarning()
    {
        var m = new Sequential(
        [
            new Conv2D(4, 3, padding: Padding.Same, activation: Activations.Relu), new MaxPooling2D(2),
            new Conv2D(4, 3, padding: Padding.Same, activation: Activations.Relu), new MaxPooling2D(2),
            new Flatten(), new Dense(2, Activations.Softmax),
        ], new Shape(4, 4, 1));
        m.Compile(new Adam(), new CategoricalCrossentropy());
        var f = Assert.Single(Check(new SpatialCollapseRule(), Record(m)));
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal("max_pooling2d_1", f.Layer);   // 4×4 → 2×2 → 1×1
        var ok = new Sequential([new Conv2D(4, 3, padding: Padding.Same, activation: Activations.Relu), new MaxPooling2D(2), new Flatten(), new Dense(2, Activations.Softmax)], new Shape(16, 16, 1));
        ok.Compile(new Adam(), new CategoricalCrossentropy());
        Assert.Empty(Check(new SpatialCollapseRule(), Record(ok)));
    }

    [Fact]
    public void NoNonlinearity_TwoDenseWithoutActivation()
    {
        var m = Mlp(4, 2, Activations.Softmax, new CategoricalCrossentropy(), new Dense(8), new Dropout(0.2));
        var f = Assert.Single(Check(new NoNonlinearityRule(), Record(m)));
        Assert.Equal("dense", f.Layer);
        Assert.Equal("dense → dense_1", f.Evidence["linear_pairs"].Text);
        var ok = Mlp(4, 2, Activations.Softmax, new CategoricalCrossentropy(), new Dense(8, Activations.Relu));
        Assert.Empty(Check(new NoNonlinearityRule(), Record(ok)));
    }

    [Fact]
    public void PoorWeightInit_ZerosInitializer_And_ScaleAcrossDepth()
    {
        var zeros = Mlp(4, 2, Activations.Softmax, new CategoricalCrossentropy(), new Dense(8, Activations.Relu, kernelInitializer: new Zeros()));
        var f = Assert.Single(Check(new PoorWeightInitRule(), Record(zeros)));
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("zeros", f.Evidence["kernel_initializer"].Text);

        var deep = Mlp(4, 2, Activations.Softmax, new CategoricalCrossentropy(), new Dense(8, Activations.Relu), new Dense(8, Activations.Relu), new Dense(8, Activations.Relu));
        var r = Record(deep);
        r.Init = new InitFacts();
        r.Init.ActivationStd.AddRange([("dense", 1.0), ("dense_1", 0.05), ("dense_2", 0.002), ("dense_3", 0.5)]);
        var g = Assert.Single(Check(new PoorWeightInitRule(), r));
        Assert.Equal("dense_2", g.Layer);
        Assert.Equal(Math.Log10(500), g.Evidence.Number("orders_of_magnitude"), 9);
        Assert.Equal([1.0, 0.05, 0.002], g.Evidence["activation_std_at_init"].Numbers!);   // the output layer is left out

        r.Init.ActivationStd.Clear();
        r.Init.ActivationStd.AddRange([("dense", 1.0), ("dense_1", 0.7), ("dense_2", 0.5)]);
        Assert.Empty(Check(new PoorWeightInitRule(), r));
    }

    [Fact]
    public void InitLossAnomaly_FarAboveLnC()
    {
        var m = Mlp(4, 2, Activations.Softmax, new CategoricalCrossentropy(), new Dense(8, Activations.Relu));
        var r = Record(m, Normal(40, 4), OneHot(Cycle(40, 2), 2));
        r.Init = new InitFacts { InitialLoss = 9.5 };
        var f = Assert.Single(Check(new InitLossAnomalyRule(), r));
        Assert.Equal(Math.Log(2), f.Evidence.Number("expected_loss"), 12);
        Assert.Equal(9.5 / Math.Log(2), f.Evidence.Number("ratio"), 9);
        Assert.Equal(Severity.Warning, f.Severity);
        r.Init.InitialLoss = 0.75;
        Assert.Empty(Check(new InitLossAnomalyRule(), r));
    }

    [Fact]
    public void ModelTooLargeForData_UnregularizedMillionsOnAFewSamples()
    {
        var big = Mlp(1000, 2, Activations.Softmax, new CategoricalCrossentropy(), new Dense(500, Activations.Relu));
        var f = Assert.Single(Check(new ModelTooLargeForDataRule(), Record(big, Normal(100, 1000), OneHot(Cycle(100, 2), 2))));
        Assert.Equal(501_502, f.Evidence.Number("params"));
        Assert.Equal(100, f.Evidence.Number("train_samples"));
        Assert.Equal("dense", f.Layer);
        var dropout = Mlp(1000, 2, Activations.Softmax, new CategoricalCrossentropy(), new Dense(500, Activations.Relu), new Dropout(0.5));
        Assert.Empty(Check(new ModelTooLargeForDataRule(), Record(dropout, Normal(100, 1000), OneHot(Cycle(100, 2), 2))));
    }

    [Fact]
    public void MetricMisuse_AccuracyOnRegression()
    {
        var m = new Sequential([new Dense(4, Activations.Relu), new Dense(1)], new Shape(3));
        m.Compile(new Adam(), new MeanSquaredError(), new Accuracy());
        var y = Tensor.FromArray(Enumerable.Range(0, 50).Select(i => (float)(Math.Sin(i) * 3.3)).ToArray(), 50, 1);
        var f = Assert.Single(Check(new MetricMisuseRule(), Record(m, Normal(50, 3), y)));
        Assert.Equal("accuracy", f.Evidence["metric"].Text);
        Assert.Equal("metrics=[\"mae\"]", f.Fixes[0].Keras);
        var ok = new Sequential([new Dense(4, Activations.Relu), new Dense(1)], new Shape(3));
        ok.Compile(new Adam(), new MeanSquaredError());
        Assert.Empty(Check(new MetricMisuseRule(), Record(ok, Normal(50, 3), y)));
    }

    [Fact]
    public void RegularizationTooStrong_Dropout09_AndL2Penalty()
    {
        var m = Mlp(4, 2, Activations.Softmax, new CategoricalCrossentropy(),
            new Dense(8, Activations.Relu, kernelRegularizer: new L2(0.1)), new Dropout(0.9));
        var f = Assert.Single(Check(new RegularizationTooStrongRule(), Record(m)));
        Assert.Equal(0.1, f.Evidence.Number("dense.penalty"));
        Assert.Equal(0.9, f.Evidence.Number("dropout.rate"));
        var ok = Mlp(4, 2, Activations.Softmax, new CategoricalCrossentropy(), new Dense(8, Activations.Relu, kernelRegularizer: new L2(1e-4)), new Dropout(0.5));
        Assert.Empty(Check(new RegularizationTooStrongRule(), Record(ok)));
    }

    [Fact]
    public void RegularizationTooStrong_AfterTraining_TrainAccuracyBelowValidation()
    {
        var m = Mlp(4, 2, Activations.Softmax, new CategoricalCrossentropy(), new Dense(8, Activations.Relu), new Dropout(0.5));
        var r = Record(m);
        for (int e = 1; e <= 5; e++) r.Epochs.Add(e, [new("accuracy", 0.6 + 0.01 * e), new("val_accuracy", 0.72 + 0.01 * e)]);
        var f = Assert.Single(new RegularizationTooStrongRule().CheckAfter(r));
        Assert.Equal(0.65, f.Evidence.Number("train_accuracy"), 9);
        Assert.Equal(0.5, f.Evidence.Number("dropout.rate"));
        Assert.Equal("dropout", f.Layer);
    }

    [Fact]
    public void CannotOverfitSmallBatch_And_ModelIgnoresInput_ReadTheQuickProbeFacts()
    {
        var r = new RunRecord { Init = new InitFacts { SmallBatch = new SmallBatchResult(16, 300, 0.69, 0.69, 0.5, 1.2, false), ZeroInput = new ZeroInputResult(100, 0.69, 0.69, 0.5, false) } };
        var f = Assert.Single(Check(new CannotOverfitSmallBatchRule(), r));
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal(0.5, f.Evidence.Number("accuracy"));
        Assert.Equal(300, f.Evidence.Number("steps"));
        var g = Assert.Single(Check(new ModelIgnoresInputRule(), r));
        Assert.Equal(1.0, g.Evidence.Number("ratio"));
        var ok = new RunRecord { Init = new InitFacts { SmallBatch = new SmallBatchResult(16, 50, 0.69, 0.01, 1.0, 0.1, false), ZeroInput = new ZeroInputResult(100, 0.1, 0.69, 0.5, false) } };
        Assert.Empty(Check(new CannotOverfitSmallBatchRule(), ok));
        // not memorized yet, but the loss is still falling fast: a slow learner, not a bug
        var slow = new RunRecord { Init = new InitFacts { SmallBatch = new SmallBatchResult(16, 500, 3.2, 0.6, 0.62, 0.1, false) { MidLoss = 1.1 } } };
        Assert.Empty(Check(new CannotOverfitSmallBatchRule(), slow));
        Assert.Empty(Check(new ModelIgnoresInputRule(), ok));
    }
}
