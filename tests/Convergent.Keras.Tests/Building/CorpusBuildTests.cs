using Convergent.Nn;
using Convergent.Tensors;
using static Convergent.Keras.Tests.Building.BuildSupport;

namespace Convergent.Keras.Tests.Building;

/// <summary>
/// Every corpus script imported and built. The expected rows are what Keras's <c>model.summary()</c> prints for the
/// model, derived by hand: Conv2D k_h·k_w·c_in·filters + filters, 'same' keeps the size (⌈n/s⌉), 'valid' gives
/// ⌊(n − (k−1)·d − 1)/s⌋ + 1; Dense in·units + units; BatchNormalization 4 per feature (γ, β and the two moving
/// statistics, which Keras counts as non-trainable parameters).
/// </summary>
public class CorpusBuildTests
{
    [Fact]
    public void Corpus_EveryScriptBuilds_AtLeast25()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.py");
        int built = 0;
        foreach (var file in files)
        {
            var spec = KerasScriptReader.ReadFile(file);
            try
            {
                var imported = KerasModelBuilder.Build(spec);
                Assert.True(imported.Model.Built);
                built++;
            }
            catch (KerasImportException e)
            {
                Assert.Fail($"{Path.GetFileName(file)}: {e.Message}");
            }
        }

        Assert.Equal(files.Length, built);
        Assert.True(built >= 25, $"{built} of {files.Length} corpus scripts built");
    }

    [Fact]
    public void Story1BookCovers_Keras1LeNet_SummaryAndTraining()
    {
        var m = Build("story1_book_covers_lenet.py");

        AssertSummary(m.Model,
            L("Conv2D", [70, 52, 32], 2_432), L("Activation", [70, 52, 32]), L("MaxPooling2D", [35, 26, 32]),
            L("Conv2D", [35, 26, 64], 51_264), L("Activation", [35, 26, 64]), L("MaxPooling2D", [17, 13, 64]),
            L("Flatten", [14_144]), L("Dense", [512], 7_242_240), L("Activation", [512]),
            L("Dense", [2], 1_026), L("Activation", [2]));
        Assert.Equal(7_296_962, m.Model.ParameterCount);
        Assert.Equal(DataFormat.ChannelsLast, m.DataFormat.Format);
        Assert.Equal(KerasGeneration.Keras1, m.Generation);
        var adam = Assert.IsType<Adam>(m.Optimizer);
        Assert.Equal(0.001, adam.LearningRate);
        Assert.Equal(1e-8, adam.Epsilon);   // Keras 1's Adam epsilon
        Assert.IsType<CategoricalCrossentropy>(m.Loss);
        Assert.IsType<CategoricalAccuracy>(Assert.Single(m.Model.Metrics));
        Assert.Equal(Setting<int>.Given(70), m.Training.Epochs);
        Assert.Equal(Setting<int>.Given(500), m.Training.BatchSize);
        Assert.Equal(Setting<bool>.Default(true), m.Training.Shuffle);
        Assert.Equal(SettingOrigin.Given, m.Training.OptimizerOrigin);
        Assert.Contains(m.Notes, n => n.Kind == ImportNoteKind.Skipped && n.Source!.Line == 20);
        Assert.Contains(m.Notes, n => n.Kind == ImportNoteKind.Defaulted && n.Message.StartsWith("shuffle not given", StringComparison.Ordinal));
    }

    [Fact]
    public void Story2KernelAsLargeAsImage_NoData_TheanoInputShapeBuildsChannelsFirst()
    {
        var m = Build("story2_kernel_as_large_as_image.py");

        // Conv2D(32, 400×400, valid) on one channel: 32·(400·400·1 + 1) = 5,120,032 weights, a 1×1 output
        AssertSummary(m.Model,
            L("Conv2D", [32, 1, 1], 5_120_032), L("Activation", [32, 1, 1]), L("Flatten", [32]),
            L("Dense", [25], 825), L("Activation", [25]), L("Dense", [2], 52), L("Activation", [2]));
        Assert.Equal(DataFormat.ChannelsFirst, m.DataFormat.Format);
        Assert.False(m.DataFormat.FromData);
        Assert.Contains("channels first", m.DataFormat.Reason);
        Assert.IsType<HeNormal>(((Conv2D)m.Model.Layers[0]).KernelInitializer);
        var sgd = Assert.IsType<SGD>(m.Optimizer);
        Assert.Equal(0.9, sgd.Momentum);
        Assert.True(sgd.Nesterov);
        var decay = Assert.IsType<InverseTimeDecay>(sgd.Schedule);   // Keras 1 decay=1e-6: lr / (1 + 1e-6·t)
        Assert.Equal(0.01, decay.InitialLearningRate);
        Assert.Equal(1e-6, decay.DecayRate);
        Assert.Equal(1, decay.DecaySteps);
        Assert.Equal(50, m.Training.Epochs.Value);
        Assert.Equal(32, m.Training.BatchSize.Value);
        Assert.Equal("(X_train, Y_train)", m.Training.ValidationDataSource);
    }

    [Fact]
    public void Story2KernelAsLargeAsImage_ChannelsLastData_BuildsChannelsLastOnTheData()
    {
        var m = Build("story2_kernel_as_large_as_image.py", new Shape(400, 400, 1));

        Assert.Equal(new Shape(400, 400, 1), m.InputShape);
        Assert.Equal(DataFormat.ChannelsLast, m.DataFormat.Format);
        Assert.True(m.DataFormat.FromData);
        Assert.Contains("channels-first", m.DataFormat.Reason);
        Assert.Equal(new Shape(1, 1, 32), m.Model.Layers[0].OutputShape);
        Assert.Equal(5_120_032, m.Model.Layers[0].ParameterCount);
        Assert.Contains(m.Notes, n => n.Kind == ImportNoteKind.DataFormat && n.Message.Contains("(400, 400, 1)"));
    }

    [Fact]
    public void Story2KernelAsLargeAsImage_ChannelsFirstData_KeepsChannelsFirst()
    {
        var m = Build("story2_kernel_as_large_as_image.py", new Shape(1, 400, 400));

        Assert.Equal(DataFormat.ChannelsFirst, m.DataFormat.Format);
        Assert.True(m.DataFormat.FromData);
        Assert.Equal(new Shape(32, 1, 1), m.Model.Layers[0].OutputShape);
    }

    [Fact]
    public void Story2KernelAsLargeAsImage_DataOfAnotherShape_ErrorNamesBothShapesAndTheFirstLayer()
    {
        var e = Assert.Throws<KerasImportException>(() => Build("story2_kernel_as_large_as_image.py", new Shape(200, 200, 1)));

        Assert.Contains("(None, 200, 200, 1)", e.Message);
        Assert.Contains("(None, 1, 400, 400)", e.Message);
        Assert.Contains("Conv2D", e.Message);
        Assert.Equal(15, e.Line);
    }

    private static readonly Row[] CifarBlocks =
    [
        L("Conv2D", [32, 32, 32], 896), L("Conv2D", [32, 32, 32], 9_248), L("MaxPooling2D", [16, 16, 32]), L("Dropout", [16, 16, 32]),
        L("Conv2D", [16, 16, 64], 18_496), L("Conv2D", [16, 16, 64], 36_928), L("MaxPooling2D", [8, 8, 64]), L("Dropout", [8, 8, 64]),
        L("Conv2D", [8, 8, 128], 73_856), L("Conv2D", [8, 8, 128], 147_584), L("MaxPooling2D", [4, 4, 128]), L("Dropout", [4, 4, 128]),
    ];

    [Fact]
    public void Story3Cifar10_DropoutMaxNorm_SummaryAndMaxNormOnDenseKernels()
    {
        var m = Build("story3_cifar10_dropout_maxnorm.py");

        AssertSummary(m.Model,
        [
            .. CifarBlocks,
            L("Flatten", [2_048]), L("Dense", [1_024], 2_098_176), L("Dropout", [1_024]), L("Dense", [512], 524_800),
            L("Dropout", [512]), L("Dense", [10], 5_130),
        ]);
        var constraint = Assert.IsType<MaxNorm>(((Dense)m.Model.Layers[13]).KernelConstraint);
        Assert.Equal(3.0, constraint.MaxValue);
        Assert.Equal([0], constraint.Axis);
        Assert.Equal(0.1, m.Training.ValidationSplit.Value);
        Assert.Equal(50, m.Training.Epochs.Value);
        Assert.Equal(64, m.Training.BatchSize.Value);
    }

    [Fact]
    public void Story3Cifar10_BatchNormSecondTry_FourParametersPerFeature()
    {
        var m = Build("story3_cifar10_batchnorm.py");

        var rows = new List<Row>();
        int[] filters = [32, 64, 128];
        for (int b = 0; b < 3; b++)
        {
            var block = CifarBlocks.Skip(4 * b).Take(4).ToArray();
            var pooled = block[2].Output;
            rows.AddRange([block[0], block[1], block[2], L("BatchNormalization", pooled, 4 * filters[b]), L("Dropout", pooled)]);
        }

        rows.AddRange(
        [
            L("Flatten", [2_048]), L("Dense", [1_024], 2_098_176), L("BatchNormalization", [1_024], 4_096), L("Dropout", [1_024]),
            L("Dense", [512], 524_800), L("BatchNormalization", [512], 2_048), L("Dropout", [512]), L("Dense", [10], 5_130),
        ]);
        AssertSummary(m.Model, [.. rows]);
        Assert.Equal("cifar_bn", m.Model.Name);
        Assert.Equal(0.001, Assert.IsType<Adam>(m.Optimizer).LearningRate);
        Assert.Equal(Setting<bool>.Given(true), m.Training.Shuffle);
    }

    [Fact]
    public void Story4TabularMlp_CallbacksAndClassWeights()
    {
        var m = Build("story4_tabular_mlp_callbacks.py");

        AssertSummary(m.Model, L("Dense", [64], 1_216), L("Dropout", [64]), L("Dense", [32], 2_080), L("Dense", [1], 33));
        var sgd = Assert.IsType<SGD>(m.Optimizer);
        Assert.Equal(0.1, sgd.LearningRate);
        Assert.Equal(0.9, sgd.Momentum);
        Assert.True(sgd.Nesterov);
        Assert.IsType<BinaryCrossentropy>(m.Loss);
        Assert.IsType<BinaryAccuracy>(Assert.Single(m.Model.Metrics));
        Assert.Equal(3, m.Training.Callbacks.Count);
        var early = Assert.IsType<EarlyStopping>(m.Training.Callbacks[0]);
        Assert.Equal(10, early.Patience);
        Assert.True(early.RestoreBestWeights);
        var plateau = Assert.IsType<ReduceLROnPlateau>(m.Training.Callbacks[1]);
        Assert.Equal(0.5, plateau.Factor);
        Assert.Equal(1e-5, plateau.MinLr);
        var checkpoint = Assert.IsType<ModelCheckpoint>(m.Training.Callbacks[2]);
        Assert.True(checkpoint.SaveBestOnly);
        Assert.IsType<ModelFileWriter>(checkpoint.Writer);
        Assert.Equal(new Dictionary<int, double> { [0] = 1.0, [1] = 3.0 }, m.Training.ClassWeight.Value);
        Assert.Equal(Setting<int>.Given(2), m.Training.Verbose);
        Assert.Equal(200, m.Training.Epochs.Value);
    }

    [Fact]
    public void Story5TanhMlp_SgdDefaultsAndValidationSplit()
    {
        var m = Build("story5_tanh_mlp_two_curves.py");

        AssertSummary(m.Model,
            L("Dense", [4], 12), L("Dense", [4], 20), L("Dense", [4], 20), L("Dense", [4], 20), L("Dense", [2], 10));
        Assert.All(m.Model.Layers.Take(4), l => Assert.Equal(ActivationKind.Tanh, l.ActivationFunction!.Kind));
        var sgd = Assert.IsType<SGD>(m.Optimizer);
        Assert.Equal(0.01, sgd.LearningRate);
        Assert.Equal(0.0, sgd.Momentum);
        Assert.Equal(300, m.Training.Epochs.Value);
        Assert.Equal(8, m.Training.BatchSize.Value);
        Assert.Equal(Setting<double>.Given(0.2), m.Training.ValidationSplit);
        Assert.Contains(m.Notes, n => n.Kind == ImportNoteKind.Defaulted && n.Message.Contains("SGD learning_rate not given"));
    }

    [Fact]
    public void Keras1BatchNormTheano_ChannelsFirstBatchNormOverAxis1()
    {
        var m = Build("keras1_batchnorm_theano.py");

        AssertSummary(m.Model,
            L("Conv2D", [32, 32, 32], 896), L("BatchNormalization", [32, 32, 32], 128), L("Activation", [32, 32, 32]),
            L("MaxPooling2D", [32, 16, 16]), L("Conv2D", [64, 8, 8], 18_496), L("BatchNormalization", [64, 8, 8], 256),
            L("Activation", [64, 8, 8]), L("Flatten", [4_096]), L("Dense", [10], 40_970));
        var bn = Assert.IsType<BatchNormalization>(m.Model.Layers[5]);
        Assert.Equal(1, bn.Axis);
        Assert.Equal(0.9, bn.Momentum);
        Assert.Equal(1e-5, bn.Epsilon);
        Assert.Equal(DataFormat.ChannelsFirst, m.DataFormat.Format);
        Assert.Equal(0.1, Assert.IsType<SGD>(m.Optimizer).Schedule!.At(0));
        Assert.Equal(30, m.Training.Epochs.Value);
        Assert.Equal(0.1, m.Training.ValidationSplit.Value);
    }

    [Fact]
    public void Keras1BatchNormTheano_ChannelsLastData_BatchNormMovesToLastAxis()
    {
        var m = Build("keras1_batchnorm_theano.py", new Shape(32, 32, 3));

        Assert.Equal(DataFormat.ChannelsLast, m.DataFormat.Format);
        Assert.Equal(-1, ((BatchNormalization)m.Model.Layers[1]).Axis);
        Assert.Equal(new Shape(8, 8, 64), m.Model.Layers[4].OutputShape);
        Assert.Equal(128, m.Model.Layers[1].ParameterCount);
    }

    private static readonly Row[] MnistCnnTh =
    [
        L("Conv2D", [32, 26, 26], 320), L("Activation", [32, 26, 26]), L("Conv2D", [32, 24, 24], 9_248), L("Activation", [32, 24, 24]),
        L("MaxPooling2D", [32, 12, 12]), L("Dropout", [32, 12, 12]), L("Flatten", [4_608]), L("Dense", [128], 589_952),
        L("Activation", [128]), L("Dropout", [128]), L("Dense", [10], 1_290), L("Activation", [10]),
    ];

    [Fact]
    public void Keras1MnistCnnTh_SetImageDimOrdering_ChannelsFirstAndKeras1Adadelta()
    {
        var m = Build("keras1_mnist_cnn_th.py");

        AssertSummary(m.Model, MnistCnnTh);
        Assert.Equal(DataFormat.ChannelsFirst, m.DataFormat.Format);
        var adadelta = Assert.IsType<Adadelta>(m.Optimizer);
        Assert.Equal(1.0, adadelta.LearningRate);   // Keras 1/2's Adadelta default (Keras 3: 0.001)
        Assert.Equal(1e-8, adadelta.Epsilon);
        Assert.Equal(12, m.Training.Epochs.Value);
        Assert.Equal(128, m.Training.BatchSize.Value);
    }

    [Fact]
    public void Keras1MnistCnnTh_ChannelsLastData_MovesToChannelsLast()
    {
        var m = Build("keras1_mnist_cnn_th.py", new Shape(28, 28, 1));

        Assert.Equal(DataFormat.ChannelsLast, m.DataFormat.Format);
        Assert.Equal(new Shape(26, 26, 32), m.Model.Layers[0].OutputShape);
        Assert.Equal(new Shape(12, 12, 32), m.Model.Layers[4].OutputShape);
        Assert.Equal(MnistCnnTh.Sum(r => r.Params), m.Model.ParameterCount);
    }

    [Fact]
    public void Keras1MnistMlp_Keras1RmspropDefaults()
    {
        var m = Build("keras1_mnist_mlp.py");

        AssertSummary(m.Model,
            L("Dense", [512], 401_920), L("Activation", [512]), L("Dropout", [512]), L("Dense", [512], 262_656),
            L("Activation", [512]), L("Dropout", [512]), L("Dense", [10], 5_130), L("Activation", [10]));
        var rms = Assert.IsType<RMSprop>(m.Optimizer);
        Assert.Equal(0.001, rms.LearningRate);
        Assert.Equal(1e-8, rms.Epsilon);
        Assert.Equal(0.9, rms.Rho);
        Assert.Equal(20, m.Training.Epochs.Value);
        Assert.Null(m.DataFormat.Format);
    }

    [Fact]
    public void AdvancedActivations_PaddingStridesDilation()
    {
        var m = Build("advanced_activations.py");

        AssertSummary(m.Model,
            L("ZeroPadding2D", [50, 50, 1]), L("Conv2D", [48, 48, 32], 320), L("LeakyReLU", [48, 48, 32]),
            L("ZeroPadding2D", [49, 49, 32]), L("Conv2D", [24, 24, 64], 18_496), L("ELU", [24, 24, 64]),
            L("AveragePooling2D", [12, 12, 64]), L("Conv2D", [8, 8, 128], 73_856), L("ReLU", [8, 8, 128]),
            L("GlobalMaxPooling2D", [128]), L("Dense", [7], 903), L("Softmax", [7]));
        Assert.Equal(0.1, ((LeakyReLU)m.Model.Layers[2]).NegativeSlope);
        Assert.Equal(6.0, ((ReLU)m.Model.Layers[8]).Function.MaxValue);
        Assert.Equal(0.002, Assert.IsType<Adamax>(m.Optimizer).LearningRate);
        Assert.Equal(Setting<int>.Given(0), m.Training.InitialEpoch);
    }

    [Fact]
    public void BuildModelFunction_MseAndMae()
    {
        var m = Build("build_model_function.py");

        AssertSummary(m.Model,
            L("Dense", [64], 896), L("BatchNormalization", [64], 256), L("Dropout", [64]),
            L("Dense", [32], 2_080), L("BatchNormalization", [32], 128), L("Dropout", [32]), L("Dense", [1], 33));
        Assert.Equal(0.005, Assert.IsType<Adam>(m.Optimizer).LearningRate);
        Assert.IsType<MeanSquaredError>(m.Loss);
        Assert.IsType<MeanAbsoluteErrorMetric>(Assert.Single(m.Model.Metrics));
        Assert.Equal(Setting<int>.Given(0), m.Training.Verbose);
        Assert.Equal(16, m.Training.BatchSize.Value);
    }

    [Fact]
    public void Conv1DKeras1_PoolLengthAndGlobalAveragePooling1D()
    {
        var m = Build("conv1d_keras1.py");

        // Conv1D k·c_in·filters + filters; 'valid' 100 → 98; MaxPooling1D(pool_length=2) ⌊(98 − 2)/2⌋ + 1 = 49
        AssertSummary(m.Model,
            L("Conv1D", [100, 64], 256), L("Conv1D", [98, 64], 12_352), L("MaxPooling1D", [49, 64]),
            L("Conv1D", [49, 128], 24_704), L("GlobalAveragePooling1D", [128]), L("Dropout", [128]), L("Dense", [1], 129));
        Assert.Equal(37_441, m.Model.ParameterCount);
        var pool = Assert.IsType<MaxPooling1D>(m.Model.Layers[2]);
        Assert.Equal((2, 2, Padding.Valid), (pool.PoolSize, pool.Strides, pool.Padding));
    }

    [Fact]
    public void TimeseriesConv1D_AveragePooling1D()
    {
        var m = Build("timeseries_conv1d_regression.py");

        // causal keeps 48 steps; 'valid' stride 2: ⌊(48 − 5)/2⌋ + 1 = 22; AveragePooling1D(2): 11; Flatten 11·32
        AssertSummary(m.Model,
            L("Reshape", [48, 1]), L("Conv1D", [48, 32], 192), L("Conv1D", [22, 32], 5_152), L("AveragePooling1D", [11, 32]),
            L("Flatten", [352]), L("Dense", [1], 353));
        Assert.Equal(5_697, m.Model.ParameterCount);
        Assert.Equal(2, Assert.IsType<AveragePooling1D>(m.Model.Layers[3]).Strides);
    }

    [Fact]
    public void Keras3Augmentation_RotationAndZoomLayers()
    {
        var m = Build("keras3_image_classification_augmentation.py");

        // Conv2D stride 2 'same': ⌈180/2⌉ = 90, 3·3·3·128 + 128; BatchNormalization 4·128; Conv2D 3·3·128·256 + 256
        AssertSummary(m.Model,
            L("RandomFlip", [180, 180, 3]), L("RandomRotation", [180, 180, 3]), L("RandomZoom", [180, 180, 3]),
            L("Rescaling", [180, 180, 3]), L("Conv2D", [90, 90, 128], 3_584), L("BatchNormalization", [90, 90, 128], 512),
            L("Activation", [90, 90, 128]), L("Conv2D", [90, 90, 256], 295_168), L("GlobalAveragePooling2D", [256]),
            L("Dropout", [256]), L("Dense", [1], 257));
        Assert.Equal(299_521, m.Model.ParameterCount);
        var rotation = Assert.IsType<RandomRotation>(m.Model.Layers[1]);
        Assert.Equal((-0.1, 0.1, FillMode.Reflect, Interpolation.Bilinear), (rotation.Factor.Lower, rotation.Factor.Upper, rotation.FillMode, rotation.Interpolation));
        var zoom = Assert.IsType<RandomZoom>(m.Model.Layers[2]);
        Assert.Equal((-0.1, 0.1), (zoom.HeightFactor.Lower, zoom.HeightFactor.Upper));
        Assert.Null(zoom.WidthFactor);
        Assert.Equal(0.0003, Assert.IsType<Adam>(m.Optimizer).LearningRate);
    }

    [Fact]
    public void DataHeavyScript_SparseCrossentropyAndDefaultRmsprop()
    {
        var m = Build("data_heavy_script.py");

        AssertSummary(m.Model, L("Dense", [64], 832), L("Dropout", [64]), L("Dense", [64], 4_160), L("Dense", [3], 195));
        Assert.IsType<SparseCategoricalCrossentropy>(m.Loss);
        Assert.IsType<SparseCategoricalAccuracy>(Assert.Single(m.Model.Metrics));
        Assert.Equal(0.001, Assert.IsType<RMSprop>(m.Optimizer).LearningRate);
        Assert.Equal(4, Assert.IsType<EarlyStopping>(Assert.Single(m.Training.Callbacks)).Patience);
        Assert.Contains(m.Notes, n => n.Kind == ImportNoteKind.Warning && n.Message.Contains("time_callback"));
        Assert.True(m.Notes.Count(n => n.Kind == ImportNoteKind.Skipped) >= 20);
    }

    [Fact]
    public void FitGeneratorKeras1_DimOrderingTh_GeneratorNoted()
    {
        var m = Build("fit_generator_keras1.py");

        AssertSummary(m.Model,
            L("Conv2D", [32, 148, 148], 896), L("Activation", [32, 148, 148]), L("MaxPooling2D", [32, 74, 74]),
            L("Conv2D", [64, 72, 72], 18_496), L("Activation", [64, 72, 72]), L("MaxPooling2D", [64, 36, 36]),
            L("Flatten", [82_944]), L("Dense", [64], 5_308_480), L("Activation", [64]), L("Dropout", [64]),
            L("Dense", [1], 65), L("Activation", [1]));
        Assert.True(m.Training.UsesGenerator);
        Assert.Equal(50, m.Training.Epochs.Value);
        Assert.Equal(1e-8, Assert.IsType<RMSprop>(m.Optimizer).Epsilon);
        Assert.Contains(m.Notes, n => n.Message.Contains("generator"));
    }

    [Fact]
    public void FitGeneratorKeras2_CallbacksAndValAccRenamed()
    {
        var m = Build("fit_generator_keras2.py");

        AssertSummary(m.Model,
            L("Conv2D", [128, 128, 32], 896), L("MaxPooling2D", [64, 64, 32]), L("Conv2D", [64, 64, 64], 18_496),
            L("GlobalAveragePooling2D", [64]), L("Dropout", [64]), L("Dense", [4], 260));
        Assert.IsType<L2>(((Conv2D)m.Model.Layers[0]).KernelRegularizer);
        Assert.Equal(5e-4, ((L2)((Conv2D)m.Model.Layers[0]).KernelRegularizer!).L2Factor);
        Assert.Equal(["EarlyStopping", "ModelCheckpoint", "ReduceLROnPlateau", "CSVLogger"],
            m.Training.Callbacks.Select(c => c.GetType().Name));
        var early = (EarlyStopping)m.Training.Callbacks[0];
        Assert.Equal("val_accuracy", early.Monitor);
        Assert.Equal(MonitorMode.Max, early.Mode);
        Assert.Equal(3, ((ReduceLROnPlateau)m.Training.Callbacks[2]).Patience);
        Assert.Equal(60, m.Training.Epochs.Value);
        Assert.Contains(m.Notes, n => n.Message.Contains("steps_per_epoch"));
    }

    [Fact]
    public void ForLoopBlocks_MiniVggWithNames()
    {
        var m = Build("for_loop_blocks.py");

        AssertSummary(m.Model,
            L("Conv2D", [64, 64, 64], 1_792), L("Conv2D", [64, 64, 64], 36_928), L("MaxPooling2D", [32, 32, 64]),
            L("Conv2D", [32, 32, 128], 73_856), L("Conv2D", [32, 32, 128], 147_584), L("MaxPooling2D", [16, 16, 128]),
            L("Conv2D", [16, 16, 256], 295_168), L("Conv2D", [16, 16, 256], 590_080), L("Conv2D", [16, 16, 256], 590_080),
            L("MaxPooling2D", [8, 8, 256]), L("Flatten", [16_384]), L("Dense", [256], 4_194_560), L("Dropout", [256]),
            L("Dense", [5], 1_285));
        Assert.Equal(["block1_conv1", "block1_conv2", "block1_pool"], m.Model.Layers.Take(3).Select(l => l.Name));
        Assert.Equal("predictions", m.Model.Layers[^1].Name);
        Assert.Equal("mini_vgg", m.Model.Name);
        Assert.IsType<InverseTimeDecay>(Assert.IsType<SGD>(m.Optimizer).Schedule);
    }

    [Fact]
    public void Keras2MnistCnn_AdadeltaDefaultDiffersAcrossVersions_Warned()
    {
        var m = Build("keras2_mnist_cnn_image_data_format.py");

        AssertSummary(m.Model,
            L("Conv2D", [26, 26, 32], 320), L("Conv2D", [24, 24, 64], 18_496), L("MaxPooling2D", [12, 12, 64]),
            L("Dropout", [12, 12, 64]), L("Flatten", [9_216]), L("Dense", [128], 1_179_776), L("Dropout", [128]),
            L("Dense", [10], 1_290));
        Assert.Equal(KerasGeneration.Keras3, m.Generation);
        Assert.Equal(0.001, Assert.IsType<Adadelta>(m.Optimizer).LearningRate);
        Assert.Contains(m.Notes, n => n.Kind == ImportNoteKind.Warning && n.Message.Contains("Adadelta learning_rate") && n.Message.Contains("1.0"));

        var keras2 = Build("keras2_mnist_cnn_image_data_format.py", options: new KerasBuildOptions { Generation = KerasGeneration.Keras2 });
        Assert.Equal(1.0, Assert.IsType<Adadelta>(keras2.Optimizer).LearningRate);
        Assert.Equal(1e-7, ((Adadelta)keras2.Optimizer!).Epsilon);
    }

    [Fact]
    public void Keras3FunctionalChain_SparseMetricObject()
    {
        var m = Build("keras3_functional_chain.py");

        AssertSummary(m.Model,
            L("Conv2D", [26, 26, 32], 320), L("MaxPooling2D", [13, 13, 32]), L("Conv2D", [11, 11, 64], 18_496),
            L("GlobalAveragePooling2D", [64]), L("Dropout", [64]), L("Dense", [10], 650));
        Assert.Equal("predictions", m.Model.Layers[^1].Name);
        Assert.IsType<SparseCategoricalAccuracy>(Assert.Single(m.Model.Metrics));
        Assert.Equal(0.001, Assert.IsType<RMSprop>(m.Optimizer).LearningRate);
        Assert.Equal(2, m.Training.Epochs.Value);
    }

    [Fact]
    public void Keras3MnistConvnet_KerasIoSummary()
    {
        var m = Build("keras3_mnist_convnet.py");

        AssertSummary(m.Model,
            L("Conv2D", [26, 26, 32], 320), L("MaxPooling2D", [13, 13, 32]), L("Conv2D", [11, 11, 64], 18_496),
            L("MaxPooling2D", [5, 5, 64]), L("Flatten", [1_600]), L("Dropout", [1_600]), L("Dense", [10], 16_010));
        Assert.Equal(34_826, m.Model.ParameterCount);   // keras.io's "Total params: 34,826"
        Assert.Equal(15, m.Training.Epochs.Value);
        Assert.Equal(0.1, m.Training.ValidationSplit.Value);
    }

    [Fact]
    public void Keras3OptimizerSchedule_AdamWWithExponentialDecay()
    {
        var m = Build("keras3_optimizer_schedule.py");

        AssertSummary(m.Model, L("Dense", [256], 200_960), L("Dropout", [256]), L("Dense", [10], 2_570));
        Assert.Equal(ActivationKind.Gelu, m.Model.Layers[0].ActivationFunction!.Kind);
        Assert.IsType<HeUniform>(((Dense)m.Model.Layers[0]).KernelInitializer);
        var adamw = Assert.IsType<AdamW>(m.Optimizer);
        Assert.Equal(1e-4, adamw.WeightDecay);
        Assert.Equal(1.0, adamw.ClipNorm);
        var schedule = Assert.IsType<ExponentialDecay>(adamw.Schedule);
        Assert.Equal(10_000, schedule.DecaySteps);
        Assert.Equal(0.9, schedule.DecayRate);
        Assert.True(Assert.IsType<SparseCategoricalCrossentropy>(m.Loss).FromLogits);
        Assert.Equal("acc", Assert.Single(m.Model.Metrics).Name);
        var early = Assert.IsType<EarlyStopping>(m.Training.Callbacks[0]);
        Assert.Equal("val_acc", early.Monitor);   // the metric is named "acc" here: nothing to rename
        Assert.IsType<TerminateOnNaN>(m.Training.Callbacks[1]);
    }

    [Fact]
    public void ListComprehensionMlp_AucMetric()
    {
        var m = Build("list_comprehension_mlp.py");

        AssertSummary(m.Model,
            L("Dense", [256], 5_376), L("Dense", [128], 32_896), L("Dense", [64], 8_256), L("Dropout", [64]), L("Dense", [1], 65));
        Assert.Equal("auc", Assert.IsType<AUC>(Assert.Single(m.Model.Metrics)).Name);
        Assert.Equal(0.15, m.Training.ValidationSplit.Value);
    }

    [Fact]
    public void NotebookPaste_StarImports()
    {
        var m = Build("notebook_paste.py");

        AssertSummary(m.Model,
            L("Conv2D", [62, 62, 16], 448), L("MaxPooling2D", [31, 31, 16]), L("Conv2D", [29, 29, 32], 4_640),
            L("MaxPooling2D", [14, 14, 32]), L("Flatten", [6_272]), L("Dense", [64], 401_472), L("Dense", [1], 65));
        Assert.Equal(1e-4, Assert.IsType<RMSprop>(m.Optimizer).LearningRate);
        Assert.Equal(Setting<int>.Default(32), m.Training.BatchSize);
    }

    [Fact]
    public void PreprocessingLayers_AugmentationAndRescaling()
    {
        var m = Build("preprocessing_layers_tf23.py");

        AssertSummary(m.Model,
            L("RandomFlip", [96, 96, 3]), L("RandomTranslation", [96, 96, 3]), L("RandomCrop", [88, 88, 3]),
            L("Rescaling", [88, 88, 3]), L("Conv2D", [86, 86, 32], 896), L("MaxPooling2D", [43, 43, 32]),
            L("Conv2D", [21, 21, 64], 18_496), L("AveragePooling2D", [10, 10, 64]), L("Flatten", [6_400]),
            L("Dense", [3], 19_203));
        var translation = (RandomTranslation)m.Model.Layers[1];
        Assert.Equal(FillMode.Nearest, translation.FillMode);
        Assert.Equal(-0.2, translation.WidthFactor.Lower);
        Assert.Equal(0.1, translation.HeightFactor.Upper);
        Assert.Equal(-1.0, ((Rescaling)m.Model.Layers[3]).Offset);
        Assert.Equal(0.9, Assert.IsType<SGD>(m.Optimizer).Momentum);
    }

    [Fact]
    public void RegularizersInitializers_EverySpelling()
    {
        var m = Build("regularizers_initializers.py");

        AssertSummary(m.Model,
            L("Dense", [256], 25_856), L("Activation", [256]), L("Dropout", [256]), L("Dense", [128], 32_896),
            L("Activation", [128]), L("Dense", [64], 8_192), L("Dense", [10], 650));
        var first = (Dense)m.Model.Layers[0];
        var uniform = Assert.IsType<RandomUniform>(first.KernelInitializer);   // Keras 1 'uniform' = U(-0.05, 0.05)
        Assert.Equal(-0.05, uniform.Minval);
        Assert.Equal(0.01, Assert.IsType<L2>(first.KernelRegularizer).L2Factor);
        Assert.Equal(1e-5, Assert.IsType<L1>(first.ActivityRegularizer).L1Factor);
        Assert.Equal(2.0, Assert.IsType<MaxNorm>(first.KernelConstraint).MaxValue);
        var second = (Dense)m.Model.Layers[3];
        Assert.Equal(1, Assert.IsType<HeNormal>(second.KernelInitializer).Seed);
        var l1l2 = Assert.IsType<L1L2>(second.BiasRegularizer);
        Assert.Equal((1e-5, 1e-4), (l1l2.L1Factor, l1l2.L2Factor));
        Assert.IsType<NonNeg>(second.KernelConstraint);
        Assert.False(((Dense)m.Model.Layers[5]).UseBias);
        Assert.Equal(0.01, Assert.IsType<RandomNormal>(((Dense)m.Model.Layers[5]).KernelInitializer).Stddev);
        Assert.IsType<GlorotNormal>(((Dense)m.Model.Layers[6]).KernelInitializer);
        var nadam = Assert.IsType<Nadam>(m.Optimizer);
        Assert.Equal(0.002, nadam.LearningRate);   // Keras 1's Nadam
        Assert.IsType<CategoricalAccuracy>(Assert.Single(m.Model.Metrics));
    }

    [Fact]
    public void TfDistributeScope_TensorBoardNotRun()
    {
        var m = Build("tf_distribute_scope.py");

        AssertSummary(m.Model,
            L("Conv2D", [26, 26, 32], 320), L("MaxPooling2D", [13, 13, 32]), L("Flatten", [5_408]),
            L("Dense", [64], 346_176), L("Dense", [10], 650));
        Assert.Empty(m.Training.Callbacks);
        Assert.Contains(m.Notes, n => n.Kind == ImportNoteKind.NotRun && n.Message.Contains("TensorBoard"));
        Assert.True(m.Loss!.FromLogits);
    }

    [Fact]
    public void TfKerasQuickstart_FlattenInputAndLogits()
    {
        var m = Build("tfkeras_beginner_quickstart.py");

        AssertSummary(m.Model, L("Flatten", [784]), L("Dense", [128], 100_480), L("Dropout", [128]), L("Dense", [10], 1_290));
        Assert.True(Assert.IsType<SparseCategoricalCrossentropy>(m.Loss).FromLogits);
        Assert.Equal(5, m.Training.Epochs.Value);
    }

    [Fact]
    public void TwoModels_TheTrainedOneIsBuilt()
    {
        var m = Build("two_models_one_trained.py");

        AssertSummary(m.Model, L("Dense", [12], 108), L("Dense", [8], 104), L("Dense", [1], 9));
        Assert.Equal(150, m.Training.Epochs.Value);
        Assert.Equal(10, m.Training.BatchSize.Value);
    }

    [Fact]
    public void Keras2Conv1D_LambdaScheduleEvaluated()
    {
        var m = Build("keras2_conv1d_lambda_schedule.py");

        AssertSummary(m.Model,
            L("Conv1D", [96, 32], 1_312), L("Conv1D", [48, 64], 6_208), L("Flatten", [3_072]), L("Dense", [1], 3_073));
        var scheduler = Assert.IsType<LearningRateScheduler>(m.Training.Callbacks[0]);
        Assert.Equal(1e-3 * Math.Pow(0.9, 3), scheduler.Schedule(3, 0.5), 15);
        Assert.True(Assert.IsType<CSVLogger>(m.Training.Callbacks[1]).Append);
        Assert.Equal(0.25, m.Training.ValidationSplit.Value);
    }

    [Fact]
    public void Keras1ZeroPaddingTheanoDefault_ChannelsFirstFromTheInputShape()
    {
        var m = Build("keras1_zero_padding_theano_default.py");

        AssertSummary(m.Model,
            L("ZeroPadding2D", [3, 34, 34]), L("Conv2D", [16, 32, 32], 448), L("MaxPooling2D", [16, 16, 16]),
            L("Flatten", [4_096]), L("Dense", [10], 40_970), L("Activation", [10]));
        Assert.Equal(DataFormat.ChannelsFirst, m.DataFormat.Format);
        var adagrad = Assert.IsType<Adagrad>(m.Optimizer);
        Assert.Equal(0.01, adagrad.LearningRate);   // Keras 1: lr=0.01, accumulators from 0
        Assert.Equal(0.0, adagrad.InitialAccumulatorValue);
        Assert.Empty(m.Model.Metrics);
        Assert.Equal(Setting<int>.Default(32), m.Training.BatchSize);
    }

    [Fact]
    public void TfKerasCallbacksWeightsOnly_LambdaOfEpochAndRate()
    {
        var m = Build("tfkeras_callbacks_weights_only.py");

        AssertSummary(m.Model,
            L("Dense", [32], 352), L("BatchNormalization", [32], 128), L("Dense", [16], 528), L("Dense", [3], 51));
        Assert.Equal(0.9, ((BatchNormalization)m.Model.Layers[1]).Momentum);
        Assert.IsType<LecunNormal>(((Dense)m.Model.Layers[2]).KernelInitializer);
        var sgd = Assert.IsType<SGD>(m.Optimizer);
        Assert.Equal((0.05, 0.9, 1.0), (sgd.LearningRate, sgd.Momentum, sgd.ClipNorm!.Value));
        Assert.Equal(0.1, Assert.IsType<CategoricalCrossentropy>(m.Loss).LabelSmoothing);
        Assert.Equal(["accuracy", "top_k_categorical_accuracy"], m.Model.Metrics.Select(x => x.Name));
        Assert.Equal(2, ((TopKCategoricalAccuracy)m.Model.Metrics[1]).K);
        var scheduler = Assert.IsType<LearningRateScheduler>(m.Training.Callbacks[0]);
        Assert.Equal(0.025, scheduler.Schedule(9, 0.05));
        Assert.Equal(0.05, scheduler.Schedule(8, 0.05));
        Assert.True(Assert.IsType<ModelCheckpoint>(m.Training.Callbacks[2]).SaveWeightsOnly);
        Assert.Equal(Setting<bool>.Given(false), m.Training.Shuffle);
    }

    [Fact]
    public void Keras2MlpRegressionHuber_LossObjectAndClipValue()
    {
        var m = Build("keras2_mlp_regression_huber.py");

        AssertSummary(m.Model, L("Dense", [64], 448), L("LeakyReLU", [64]), L("Dropout", [64]), L("Dense", [1], 65));
        Assert.Equal(0.05, ((LeakyReLU)m.Model.Layers[1]).NegativeSlope);
        Assert.Equal(3, ((Dropout)m.Model.Layers[2]).Seed);
        Assert.Equal(2.0, Assert.IsType<Huber>(m.Loss).Delta);
        var rms = Assert.IsType<RMSprop>(m.Optimizer);
        Assert.Equal((5e-4, 0.5), (rms.LearningRate, rms.ClipValue!.Value));
        Assert.Equal(["mean_absolute_error", "mean_squared_error"], m.Model.Metrics.Select(x => x.Name));
    }
}
