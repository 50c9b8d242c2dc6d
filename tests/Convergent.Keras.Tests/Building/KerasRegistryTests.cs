using Convergent.Keras.Files;
using Convergent.Nn;
using Convergent.Tensors;
using static Convergent.Keras.Tests.Building.BuildSupport;

namespace Convergent.Keras.Tests.Building;

/// <summary>The name registry: every Keras name the brief lists maps to its engine object, every argument is
/// mapped or rejected with its place, and engine objects go back to Keras configs that read back the same.</summary>
public class KerasRegistryTests
{
    private static string Mlp(string compile, string extraLayer = "") => $"""
        from keras.models import Sequential
        from keras.layers import Dense
        import keras
        model = Sequential()
        model.add(Dense(4, input_dim=3, activation='relu'))
        {extraLayer}
        model.add(Dense(2, activation='softmax'))
        model.compile({compile})
        """;

    [Fact]
    public void Build_ArgumentTheEngineLacks_ErrorNamesArgumentLayerLineAndColumn()
    {
        const string source = "from keras.layers import Dense\nfrom keras.models import Sequential\nmodel = Sequential()\nmodel.add(Dense(4, input_dim=3))\nmodel.add(  Dense(2, lora_rank=8))\n";

        var e = Assert.Throws<KerasImportException>(() => BuildSource(source));

        Assert.Equal(5, e.Line);
        Assert.Equal(13, e.Column);
        Assert.Contains("Dense argument 'lora_rank'", e.Message);
        Assert.StartsWith("model.py:5:13:", e.Message);
    }

    [Fact]
    public void Build_Pooling1DKeras1Spellings_PoolLengthStrideBorderModeChannelsFirst()
    {
        const string source = """
            from keras.models import Sequential
            from keras.layers import MaxPooling1D, AveragePooling1D, GlobalMaxPooling1D
            model = Sequential()
            model.add(MaxPooling1D(pool_length=3, stride=1, border_mode='same', input_shape=(10, 4)))
            model.add(AveragePooling1D(pool_size=2, strides=3, data_format='channels_first'))
            model.add(GlobalMaxPooling1D(keepdims=True))
            """;

        var m = BuildSource(source);

        var max = Assert.IsType<MaxPooling1D>(m.Model.Layers[0]);
        Assert.Equal((3, 1, Padding.Same), (max.PoolSize, max.Strides, max.Padding));
        // channels_first: (10, 4) is 10 channels of 4 steps; 'valid' ⌊(4 − 2)/3⌋ + 1 = 1 step
        var avg = Assert.IsType<AveragePooling1D>(m.Model.Layers[1]);
        Assert.Equal((2, 3, DataFormat.ChannelsFirst), (avg.PoolSize, avg.Strides, avg.DataFormat));
        Assert.Equal(new Shape(10, 1), avg.OutputShape);
        Assert.Equal(new Shape(1, 1), m.Model.Layers[2].OutputShape);
    }

    [Fact]
    public void Build_RandomRotationAndZoom_EveryArgumentMapped_ValueRangeNoted()
    {
        const string source = """
            import keras
            model = keras.Sequential([
                keras.Input(shape=(8, 8, 3)),
                keras.layers.RandomRotation((-0.2, 0.1), fill_mode='constant', interpolation='nearest', seed=3, fill_value=1.5, value_range=(0, 255)),
                keras.layers.RandomZoom(0.2, width_factor=None, fill_mode='wrap'),
                keras.layers.RandomZoom(height_factor=(-0.1, 0.3), width_factor=0.25),
            ])
            """;

        var m = BuildSource(source);

        var rotation = Assert.IsType<RandomRotation>(m.Model.Layers[0]);
        Assert.Equal((-0.2, 0.1, FillMode.Constant, Interpolation.Nearest, 3, 1.5),
            (rotation.Factor.Lower, rotation.Factor.Upper, rotation.FillMode, rotation.Interpolation, rotation.Seed, rotation.FillValue));
        Assert.Contains(m.Notes, n => n.Message.Contains("'value_range'") && n.Message.Contains("no effect"));
        var zoom = Assert.IsType<RandomZoom>(m.Model.Layers[1]);
        Assert.Equal((-0.2, 0.2, FillMode.Wrap), (zoom.HeightFactor.Lower, zoom.HeightFactor.Upper, zoom.FillMode));
        Assert.Null(zoom.WidthFactor);
        var second = Assert.IsType<RandomZoom>(m.Model.Layers[2]);
        Assert.Equal((-0.25, 0.25), (second.WidthFactor!.Value.Lower, second.WidthFactor.Value.Upper));
    }

    [Fact]
    public void Read_UnknownArgument_ErrorNamesItWithLineAndColumn()
    {
        const string source = "from keras.layers import Dense\nfrom keras.models import Sequential\nmodel = Sequential()\nmodel.add(Dense(4, input_dim=3, kernel_initialiser='he_normal'))\n";

        var e = Assert.Throws<KerasImportException>(() => KerasScriptReader.Read(source));

        Assert.Equal(4, e.Line);
        Assert.True(e.Column > 1);
        Assert.Contains("unknown argument 'kernel_initialiser'", e.Message);
        Assert.Contains("did you mean 'kernel_initializer'", e.Message);
    }

    [Fact]
    public void Build_EngineRejectsValue_MessageKeptAndPlacedAtTheLayer()
    {
        const string source = "import keras\nmodel = keras.Sequential([keras.Input(shape=(8, 8, 4)), keras.layers.Conv2D(8, 3, groups=2)])\n";

        var e = Assert.Throws<KerasImportException>(() => BuildSource(source));

        Assert.Equal(2, e.Line);
        Assert.Contains("groups", e.Message);
        Assert.Contains("Conv2D", e.Message);
    }

    [Fact]
    public void Build_ShapeThatDoesNotFit_ErrorAtTheLayerWithTheShape()
    {
        const string source = "import keras\nmodel = keras.Sequential([keras.Input(shape=(4, 4, 1)),\n    keras.layers.Conv2D(8, 5)])\n";

        var e = Assert.Throws<KerasImportException>(() => BuildSource(source));

        Assert.Equal(3, e.Line);
        Assert.Contains("(None, 4, 4, 1)", e.Message);
    }

    [Fact]
    public void MaxNorm_OnConv2DKernel_NormsOverAxis0OnlyAsKeras()
    {
        // Keras 3 MaxNorm(3) on a (kh, kw, in, out) kernel: ops.sum(w², axis=0, keepdims) — one norm per (kw, in, out)
        var constraint = KerasRegistry.CreateConstraint(new KerasObjectSpec(KerasObjectKind.Constraint, "MaxNorm",
            KerasConfig.Of(("max_value", KerasValue.Of(3.0)))));
        var w = Tensor.FromArray(new double[] { 3, 1, 4, 2, 0, 0 }, 2, 3, 1, 1);   // [kh=2][kw=3]

        constraint.Apply(w);

        // norms over kh, one per kw: √(3²+2²) = √13 > 3 → ×3/(ε+√13); 1 ≤ 3 → ×1/(ε+1) (Keras divides even
        // then); 4 > 3 → ×3/(ε+4); ε = 1e-7. Over axes [0, 1, 2] there would be one norm, √30, for all six.
        double s0 = 3 / (1e-7 + Math.Sqrt(13));
        double s1 = 1 / (1e-7 + 1);
        double s2 = 3 / (1e-7 + 4);
        Assert.Equal([3 * s0, 1 * s1, 4 * s2, 2 * s0, 0, 0], w.ToDoubleArray(), new Tolerance(1e-12));
    }

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= epsilon;

        public int GetHashCode(double d) => 0;
    }

    [Theory]
    [InlineData("categorical_crossentropy", typeof(CategoricalCrossentropy))]
    [InlineData("sparse_categorical_crossentropy", typeof(SparseCategoricalCrossentropy))]
    [InlineData("binary_crossentropy", typeof(BinaryCrossentropy))]
    [InlineData("mse", typeof(MeanSquaredError))]
    [InlineData("mean_squared_error", typeof(MeanSquaredError))]
    [InlineData("mae", typeof(MeanAbsoluteError))]
    [InlineData("hinge", typeof(Hinge))]
    [InlineData("squared_hinge", typeof(SquaredHinge))]
    [InlineData("huber", typeof(Huber))]
    [InlineData("kld", typeof(KLDivergence))]
    [InlineData("kl_divergence", typeof(KLDivergence))]
    [InlineData("poisson", typeof(Poisson))]
    public void Loss_KerasName_EngineLoss(string name, Type expected)
    {
        var m = BuildSource(Mlp($"loss='{name}', optimizer='sgd'"));

        Assert.IsType(expected, m.Loss);
        Assert.True(m.IsCompiled);
    }

    [Fact]
    public void Loss_Objects_FromLogitsAndLabelSmoothing()
    {
        var cce = BuildSource(Mlp("loss=keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.2), optimizer='adam'"));
        var bce = BuildSource(Mlp("loss=keras.losses.BinaryCrossentropy(label_smoothing=0.1), optimizer='adam'"));

        var c = Assert.IsType<CategoricalCrossentropy>(cce.Loss);
        Assert.True(c.FromLogits);
        Assert.Equal(0.2, c.LabelSmoothing);
        Assert.Equal(0.1, Assert.IsType<BinaryCrossentropy>(bce.Loss).LabelSmoothing);
    }

    [Fact]
    public void Loss_NotInTheEngine_ErrorAtCompile()
    {
        var e = Assert.Throws<KerasImportException>(() => BuildSource(Mlp("loss='log_cosh', optimizer='sgd'")));

        Assert.Contains("loss 'log_cosh' is not supported", e.Message);
        Assert.Equal(8, e.Line);
    }

    [Theory]
    [InlineData("'accuracy'", "accuracy", typeof(CategoricalAccuracy))]
    [InlineData("'acc'", "accuracy", typeof(CategoricalAccuracy))]
    [InlineData("'top_k_categorical_accuracy'", "top_k_categorical_accuracy", typeof(TopKCategoricalAccuracy))]
    [InlineData("'precision'", "precision", typeof(Precision))]
    [InlineData("'recall'", "recall", typeof(Recall))]
    [InlineData("'auc'", "auc", typeof(AUC))]
    [InlineData("'mse'", "mean_squared_error", typeof(MeanSquaredErrorMetric))]
    [InlineData("'mae'", "mean_absolute_error", typeof(MeanAbsoluteErrorMetric))]
    [InlineData("keras.metrics.Precision(thresholds=0.7, name='p70')", "p70", typeof(Precision))]
    public void Metric_KerasNameOrObject_EngineMetric(string written, string name, Type expected)
    {
        var m = BuildSource(Mlp($"loss='categorical_crossentropy', optimizer='sgd', metrics=[{written}]"));

        var metric = Assert.Single(m.Model.Metrics);
        Assert.IsType(expected, metric);
        Assert.Equal(name, metric.Name);
    }

    [Fact]
    public void Metric_KerasAccuracyClass_RejectedWithAdvice()
    {
        var e = Assert.Throws<KerasImportException>(() =>
            BuildSource(Mlp("loss='categorical_crossentropy', optimizer='sgd', metrics=[keras.metrics.Accuracy()]")));

        Assert.Contains("exact equality", e.Message);
        Assert.Contains("metrics=['accuracy']", e.Message);
    }

    [Theory]
    [InlineData("'sgd'", typeof(SGD), 0.01)]
    [InlineData("'adam'", typeof(Adam), 0.001)]
    [InlineData("'adamw'", typeof(AdamW), 0.001)]
    [InlineData("'rmsprop'", typeof(RMSprop), 0.001)]
    [InlineData("'adagrad'", typeof(Adagrad), 0.001)]
    [InlineData("'adadelta'", typeof(Adadelta), 0.001)]
    [InlineData("'adamax'", typeof(Adamax), 0.001)]
    [InlineData("'nadam'", typeof(Nadam), 0.001)]
    public void Optimizer_KerasStrings_Keras3Defaults(string written, Type expected, double learningRate)
    {
        var m = BuildSource(Mlp($"loss='mse', optimizer={written}"));

        Assert.IsType(expected, m.Optimizer);
        Assert.Equal(learningRate, m.Optimizer!.LearningRate);
    }

    [Fact]
    public void Optimizer_ObjectArguments_AllMapped()
    {
        var sgd = (SGD)BuildSource(Mlp("loss='mse', optimizer=keras.optimizers.SGD(lr=0.01, momentum=0.9, nesterov=True, clipvalue=0.5)")).Optimizer!;
        var adam = (Adam)BuildSource(Mlp("loss='mse', optimizer=keras.optimizers.Adam(learning_rate=3e-4, amsgrad=True, global_clipnorm=2.0, weight_decay=0.01)")).Optimizer!;
        var rms = (RMSprop)BuildSource(Mlp("loss='mse', optimizer=keras.optimizers.RMSprop(rho=0.8, centered=True, clipnorm=1.0)")).Optimizer!;

        Assert.Equal((0.01, 0.9, true, 0.5), (sgd.LearningRate, sgd.Momentum, sgd.Nesterov, sgd.ClipValue!.Value));
        Assert.Equal((3e-4, true, 2.0, 0.01), (adam.LearningRate, adam.Amsgrad, adam.GlobalClipNorm!.Value, adam.WeightDecay!.Value));
        Assert.Equal((0.8, true, 1.0), (rms.Rho, rms.Centered, rms.ClipNorm!.Value));
    }

    [Fact]
    public void Optimizer_EmaOrSchedulesTheEngineLacks_Rejected()
    {
        var ema = Assert.Throws<KerasImportException>(() => BuildSource(Mlp("loss='mse', optimizer=keras.optimizers.Adam(use_ema=True)")));
        var poly = Assert.Throws<KerasImportException>(() => BuildSource(Mlp(
            "loss='mse', optimizer=keras.optimizers.SGD(learning_rate=keras.optimizers.schedules.PolynomialDecay(0.1, 1000))")));

        Assert.Contains("use_ema", ema.Message);
        Assert.Contains("PolynomialDecay", poly.Message);
    }

    [Fact]
    public void Compile_NoOptimizer_RmspropDefaultRecorded()
    {
        var m = BuildSource(Mlp("loss='mse'"));

        Assert.IsType<RMSprop>(m.Optimizer);
        Assert.Equal(SettingOrigin.KerasDefault, m.Training.OptimizerOrigin);
        Assert.Contains(m.Notes, n => n.Kind == ImportNoteKind.Defaulted && n.Message.Contains("'rmsprop'"));
    }

    [Fact]
    public void Fit_NotCalled_KerasDefaultsWithOrigins()
    {
        var m = BuildSource(Mlp("loss='mse', optimizer='sgd'"));

        Assert.Equal(Setting<int>.Default(1), m.Training.Epochs);
        Assert.Equal(Setting<int>.Default(32), m.Training.BatchSize);
        Assert.Equal(Setting<double>.Default(0.0), m.Training.ValidationSplit);
        Assert.Equal(Setting<bool>.Default(true), m.Training.Shuffle);
        Assert.Equal(Setting<int>.Default(0), m.Training.InitialEpoch);
        Assert.Null(m.Training.ClassWeight.Value);
    }

    [Fact]
    public void Initializers_StringAndObjectWithSeed()
    {
        var layer = Assert.IsType<Dense>(KerasRegistry.CreateLayer(new LayerSpec("Dense", "d", KerasConfig.Of(
            ("units", KerasValue.Of(3)),
            ("kernel_initializer", new KerasObjectSpec(KerasObjectKind.Initializer, "GlorotUniform", KerasConfig.Of(("seed", KerasValue.Of(3))))),
            ("bias_initializer", KerasValue.Of("he_normal"))), null, new SourceRef("m.py", 1, 1, "Dense(3)"))));

        Assert.Equal(3, Assert.IsType<GlorotUniform>(layer.KernelInitializer).Seed);
        Assert.IsType<HeNormal>(layer.BiasInitializer);
        Assert.Equal("d", layer.Name);
    }

    [Fact]
    public void CreateLayer_UnmappedKey_ErrorNamesIt()
    {
        var spec = new LayerSpec("Dropout", null, KerasConfig.Of(("rate", KerasValue.Of(0.5)), ("bogus", KerasValue.Of(1))), null,
            new SourceRef("m.py", 7, 5, "Dropout(0.5, bogus=1)"));

        var e = Assert.Throws<KerasImportException>(() => KerasRegistry.CreateLayer(spec));

        Assert.Equal((7, 5), (e.Line, e.Column));
        Assert.Contains("Dropout argument 'bogus'", e.Message);
    }

    [Fact]
    public void CreateLayer_TrainableFalse_FrozenLayer()
    {
        var layer = KerasRegistry.CreateLayer(new LayerSpec("Dense", null,
            KerasConfig.Of(("units", KerasValue.Of(2)), ("trainable", KerasValue.Of(false))), null, new SourceRef("m.py", 1, 1, "")));

        Assert.False(layer.Trainable);
    }

    [Fact]
    public void LearningRateScheduler_NamedFunction_ClearUnsupportedError()
    {
        const string source = """
            import keras
            def step_decay(epoch):
                return 0.1 * 0.5 ** (epoch // 10)
            model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
            model.compile(loss='mse', optimizer='sgd')
            model.fit(x, y, callbacks=[keras.callbacks.LearningRateScheduler(step_decay)])
            """;

        var e = Assert.Throws<KerasImportException>(() => BuildSource(source));

        Assert.Contains("LearningRateScheduler argument 'schedule'", e.Message);
        Assert.Contains("'step_decay' is a Python function the importer does not evaluate", e.Message);
        Assert.Equal(6, e.Line);
    }

    [Fact]
    public void LearningRateScheduler_LambdaWithFreeName_ClearError()
    {
        const string source = """
            import keras
            initial = 0.1
            model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
            model.compile(loss='mse', optimizer='sgd')
            model.fit(x, y, callbacks=[keras.callbacks.LearningRateScheduler(lambda e: base_lr * 0.9 ** e)])
            """;

        var e = Assert.Throws<KerasImportException>(() => BuildSource(source));

        Assert.Contains("'base_lr' is not a parameter of the lambda", e.Message);
    }

    [Fact]
    public void LearningRateScheduler_LambdaWithMathAndConditions_Evaluated()
    {
        var lambda = Keras.Building.LambdaSchedule.TryParse(
            "lambda epoch, lr: lr if epoch < 10 else max(1e-5, lr * math.exp(-0.1)) + 0 * (epoch % 3 == 0 and 1 or 2)", out string reason);

        Assert.True(lambda is not null, reason);
        Assert.Equal(0.5, lambda!.Evaluate(3, 0.5));
        Assert.Equal(0.5 * Math.Exp(-0.1), lambda.Evaluate(12, 0.5), 15);
        Assert.Equal(1e-5, lambda.Evaluate(12, 1e-9));
        // Python's floor division and modulo: -7 % 3 == 2, -7 // 2 == -4
        Assert.Equal(16.0, Keras.Building.LambdaSchedule.TryParse("lambda e: (-7 % 3) * 10 + (-7 // 2)", out _)!.Evaluate(0, 0));
    }

    [Fact]
    public void Callbacks_NotRunOnes_NotedNotFailed()
    {
        var notes = new List<ImportNote>();

        var callback = KerasRegistry.CreateCallback(new KerasObjectSpec(KerasObjectKind.Callback, "TensorBoard",
            KerasConfig.Of(("log_dir", KerasValue.Of("./logs")))), notes: notes);

        Assert.Null(callback);
        Assert.Equal(ImportNoteKind.NotRun, Assert.Single(notes).Kind);
    }

    [Fact]
    public void JsonFixtures_AllBuildOrFailCleanly()
    {
        int built = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Json", "Fixtures"), "*.json"))
        {
            var spec = KerasJsonReader.ReadFile(file);
            var data = spec.InputShape is { } s && s.Any(d => d is null) ? null : (Shape?)null;
            try
            {
                var m = KerasModelBuilder.Build(spec, data);
                Assert.True(m.Model.Built);
                built++;
            }
            catch (KerasImportException e)
            {
                Assert.False(string.IsNullOrEmpty(e.JsonPath), $"{Path.GetFileName(file)}: {e.Message}");
            }
        }

        Assert.True(built >= 5, $"{built} JSON fixtures built");
    }

    [Fact]
    public void JsonKeras224MnistCnn_BuildsWithKeras2Defaults()
    {
        var m = KerasModelBuilder.Build(KerasJsonReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "Json", "Fixtures", "keras224_mnist_cnn.json")));

        AssertSummary(m.Model, L("Conv2D", [26, 26, 32], 320), L("MaxPooling2D", [13, 13, 32]), L("Dropout", [13, 13, 32]),
            L("Flatten", [5_408]), L("Dense", [10], 54_090));
        Assert.Equal(KerasGeneration.Keras2, m.Generation);
        var dense = (Dense)m.Model.Layers[4];
        Assert.Equal(3.0, Assert.IsType<MaxNorm>(dense.KernelConstraint).MaxValue);
        Assert.Equal(0.009999999776482582, Assert.IsType<L1L2>(dense.KernelRegularizer).L2Factor);
        // Keras 2 serialized glorot_uniform as its VarianceScaling form
        var init = Assert.IsAssignableFrom<VarianceScaling>(((Conv2D)m.Model.Layers[0]).KernelInitializer);
        Assert.Equal((1.0, FanMode.FanAvg, VarianceDistribution.Uniform), (init.Scale, init.Mode, init.Distribution));
    }

    [Fact]
    public void JsonKeras122Theano_ChannelsFirstWithBatchNormAxis1()
    {
        var m = KerasModelBuilder.Build(KerasJsonReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "Json", "Fixtures", "keras122_theano.json")));

        AssertSummary(m.Model, L("Conv2D", [32, 26, 26], 320), L("Activation", [32, 26, 26]), L("MaxPooling2D", [32, 13, 13]),
            L("BatchNormalization", [32, 13, 13], 128), L("Dropout", [32, 13, 13]), L("Flatten", [5_408]), L("Dense", [10], 54_090));
        Assert.Equal(KerasGeneration.Keras1, m.Generation);
        Assert.Equal(1, ((BatchNormalization)m.Model.Layers[3]).Axis);
        Assert.Equal(DataFormat.ChannelsFirst, m.DataFormat.Format);
    }

    /// <summary>Every layer the registry builds, with non-default arguments, goes to a model file and back with the
    /// same configuration (the importer and the export share this registry).</summary>
    [Fact]
    public void EveryLayer_ConfigRoundTrip_ThroughModelFile()
    {
        var image = new Sequential(
        [
            new RandomFlip(FlipMode.Vertical, seed: 4),
            new RandomTranslation(0.1, (-0.2, 0.3), FillMode.Constant, Interpolation.Nearest, seed: 2, fillValue: 0.5),
            new RandomCrop(10, 9, seed: 1),
            new RandomRotation((-0.1, 0.2), FillMode.Wrap, Interpolation.Nearest, seed: 6, fillValue: 0.25),
            new RandomZoom(0.2, (-0.1, 0.3), FillMode.Constant, seed: 7, fillValue: 1.0),
            new RandomZoom(0.15),
            new Rescaling(1.0 / 255, 0.25),
            new ZeroPadding2D(((1, 0), (2, 1))),
            new Conv2D(6, (3, 2), strides: (1, 2), padding: Padding.Same, activation: Activations.Elu, useBias: false,
                kernelInitializer: new VarianceScaling(2.0, FanMode.FanOut, VarianceDistribution.Uniform, 9),
                kernelRegularizer: new L1L2(1e-4, 2e-4), kernelConstraint: new MinMaxNorm(0.1, 2.0, 0.5, [0, 1, 2]),
                activityRegularizer: new L1(1e-6)),
            new BatchNormalization(momentum: 0.95, epsilon: 1e-4, center: false, gammaInitializer: new Constant(0.5)),
            new ReLU(maxValue: 6.0, negativeSlope: 0.1, threshold: 0.05),
            new MaxPooling2D((2, 1), padding: Padding.Same),
            new LeakyReLU(0.01),
            new AveragePooling2D(2, strides: 1),
            new ELU(0.7),
            new ActivationLayer(Activations.HardSigmoid),
            new Dropout(0.3, [null, 1, 1, null], seed: 11),
            new GlobalAveragePooling2D(keepDims: true),
            new Flatten(),
            new Dense(5, Activations.Softplus, kernelInitializer: new Orthogonal(1.5, 3), biasInitializer: new RandomNormal(0.1, 0.2, 4),
                biasConstraint: new UnitNorm()),
            new Softmax(),
        ], new Shape(12, 12, 3), name: "every_image_layer", seed: 5);
        var sequence = new Sequential(
        [
            new Reshape([20, 2]),
            new Conv1D(4, 3, padding: Padding.Causal, dilationRate: 2, kernelInitializer: new TruncatedNormal(0, 0.1, 8)),
            new Conv1D(2, 2, strides: 2, dataFormat: DataFormat.ChannelsLast, biasInitializer: new Ones()),
            new MaxPooling1D(3, 1, Padding.Same),
            new AveragePooling1D(2),
            new GlobalMaxPooling1D(keepDims: true),
            new Flatten(),
            new Dense(3, kernelConstraint: new NonNeg(), kernelInitializer: new LecunUniform(), biasRegularizer: new L2(0.3)),
        ], new Shape(40), name: "every_sequence_layer");
        var channelsFirst = new Sequential(
        [
            new Conv2D(3, 3, dataFormat: DataFormat.ChannelsFirst, kernelInitializer: new HeUniform(), kernelConstraint: new MaxNorm(2.5, [0, 1, 2])),
            new GlobalMaxPooling2D(DataFormat.ChannelsFirst),
        ], new Shape(2, 7, 7));
        var sequenceChannelsFirst = new Sequential(
        [
            new AveragePooling1D(2, 3, Padding.Same, DataFormat.ChannelsFirst),
            new GlobalAveragePooling1D(DataFormat.ChannelsFirst),
        ], new Shape(4, 10));

        foreach (var model in new[] { image, sequence, channelsFirst, sequenceChannelsFirst })
        {
            string path = Path.Combine(Path.GetTempPath(), $"roundtrip-{Guid.NewGuid():N}.cvg");
            try
            {
                ModelFile.Save(model, path);
                var loaded = ModelFile.Load(path);

                Assert.Equal(model.Layers.Select(l => l.ClassName), loaded.Layers.Select(l => l.ClassName));
                for (int i = 0; i < model.Layers.Count; i++)
                {
                    Assert.Equal(ConfigJson.SerializeToString(model.Layers[i].GetConfig()), ConfigJson.SerializeToString(loaded.Layers[i].GetConfig()));
                }

                Assert.Equal(model.ParameterCount, loaded.ParameterCount);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>Every engine loss and metric (with non-default arguments) written as Keras compile config and read
    /// back by the importer gives an equal object.</summary>
    [Fact]
    public void EveryLossAndMetric_CompileConfigRoundTrip()
    {
        Loss[] losses =
        [
            new CategoricalCrossentropy(true, 0.1, -1, Reduction.Sum), new SparseCategoricalCrossentropy(true, 255),
            new BinaryCrossentropy(false, 0.2, Reduction.None), new MeanSquaredError(), new MeanAbsoluteError(), new Hinge(),
            new SquaredHinge(), new Huber(1.5), new KLDivergence(), new Poisson(),
        ];
        Metric[] metrics =
        [
            new BinaryAccuracy("bin", 0.3), new CategoricalAccuracy("cat"), new SparseCategoricalAccuracy(), new TopKCategoricalAccuracy(3),
            new SparseTopKCategoricalAccuracy(2, "top2"), new MeanSquaredErrorMetric(), new MeanAbsoluteErrorMetric("mae"),
            new AUC(50, AucCurve.PR, AucSummationMethod.Majoring, "auc_pr", fromLogits: true), new Precision(0.7, name: "p"),
            new Recall(topK: 2, classId: 1),
        ];
        foreach (var loss in losses)
        {
            var compile = ReadCompile(KerasRegistry.ToKeras(loss).ToDictionary(), []);
            var back = KerasRegistry.CreateLoss(compile.Loss!, compile.FromLogits, compile.LossConfig);
            Assert.Equal(loss.GetType(), back.GetType());
            Assert.Equal(ConfigJson.SerializeToString(loss.GetConfig()), ConfigJson.SerializeToString(back.GetConfig()));
        }

        var read = ReadCompile(KerasRegistry.ToKeras(new MeanSquaredError()).ToDictionary(),
            metrics.Select(m => KerasRegistry.ToKeras(m) is KerasObjectConfig c ? c.ToDictionary() : KerasRegistry.ToKeras(m)).ToArray());
        for (int i = 0; i < metrics.Length; i++)
        {
            var back = KerasRegistry.CreateMetric(read.Metrics[i]);
            Assert.Equal(metrics[i].GetType(), back.GetType());
            Assert.Equal(ConfigJson.SerializeToString(KerasRegistry.ToKeras(metrics[i])), ConfigJson.SerializeToString(KerasRegistry.ToKeras(back)));
        }
    }

    private static CompileSpec ReadCompile(object loss, object?[] metrics) =>
        KerasJsonReader.Read(ConfigJson.SerializeToString(new Dictionary<string, object?>
        {
            ["class_name"] = "Sequential",
            ["config"] = new Dictionary<string, object?> { ["layers"] = new object[] { KerasRegistry.ToKeras(new Dense(1)).ToDictionary() } },
            ["compile_config"] = new Dictionary<string, object?> { ["optimizer"] = "sgd", ["loss"] = loss, ["metrics"] = metrics },
        })).Compile!;

    [Fact]
    public void Export_OptimizerLossMetric_ReadBackAsEqualObjects()
    {
        var optimizer = new Nadam(0.003, 0.8, 0.99, 1e-6, schedule: new CosineDecayRestarts(0.01, 50, 1.5, 0.9, 0.1), clipNorm: 3.0);
        var config = KerasRegistry.ToKeras(optimizer);
        var json = ConfigJson.SerializeToString(new Dictionary<string, object?>
        {
            ["class_name"] = "Sequential",
            ["config"] = new Dictionary<string, object?> { ["layers"] = new object[] { KerasRegistry.ToKeras(new Dense(1)).ToDictionary() } },
            ["compile_config"] = new Dictionary<string, object?>
            {
                ["optimizer"] = config.ToDictionary(),
                ["loss"] = KerasRegistry.ToKeras(new Huber(0.5)).ToDictionary(),
                ["metrics"] = new object[] { ((KerasObjectConfig)KerasRegistry.ToKeras(new AUC(curve: AucCurve.PR, name: "pr"))).ToDictionary() },
            },
        });

        var spec = KerasJsonReader.Read(json);
        var back = (Nadam)KerasRegistry.CreateOptimizer(spec.Compile!.Optimizer!);
        var schedule = Assert.IsType<CosineDecayRestarts>(back.Schedule);

        Assert.Equal((0.8, 0.99, 1e-6, 3.0), (back.Beta1, back.Beta2, back.Epsilon, back.ClipNorm!.Value));
        Assert.Equal((0.01, 50L, 1.5, 0.9, 0.1), (schedule.InitialLearningRate, schedule.FirstDecaySteps, schedule.TMul, schedule.MMul, schedule.Alpha));
        Assert.Equal(0.5, Assert.IsType<Huber>(KerasRegistry.CreateLoss(spec.Compile.Loss!, spec.Compile.FromLogits, spec.Compile.LossConfig)).Delta);
        var auc = Assert.IsType<AUC>(KerasRegistry.CreateMetric(spec.Compile.Metrics[0]));
        Assert.Equal((AucCurve.PR, "pr", 200), (auc.Curve, auc.Name, auc.Thresholds.Count));
    }
}
