using Convergent.Keras.Tests.Support;
using static Convergent.Keras.Tests.Support.CorpusFiles;

namespace Convergent.Keras.Tests;

/// <summary>Each corpus script imported as written; assertions are the normalized Keras 3 specs, derived by
/// reading the script (the Keras 1/2 → 3 renames are those of keras/legacy/interfaces.py).</summary>
public class CorpusScriptTests
{
    private static KerasValue I(long v) => KerasValue.Of(v);

    private static KerasValue F(double v) => KerasValue.Of(v);

    private static KerasValue S(string v) => KerasValue.Of(v);

    [Fact]
    public void Corpus_HasAtLeast25Scripts_AllImport()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.py");
        Assert.True(files.Length >= 25, $"corpus has {files.Length} scripts");
        foreach (var file in files)
        {
            var spec = KerasScriptReader.ReadFile(file);
            Assert.NotEmpty(spec.Layers);
            Assert.Equal(Path.GetFileName(file), spec.SourceFile);
        }
    }

    [Fact]
    public void Story1BookCovers_Keras1LeNet_NormalizesToConv2DAndAdam()
    {
        var spec = Read("story1_book_covers_lenet.py");

        Assert.Equal(
            ["Conv2D", "Activation", "MaxPooling2D", "Conv2D", "Activation", "MaxPooling2D", "Flatten", "Dense", "Activation", "Dense", "Activation"],
            ClassNames(spec));
        var conv = spec.Layers[0];
        Assert.Equal("Convolution2D", conv.WrittenClassName);
        Assert.Equal(I(32), conv.Config["filters"]);
        Assert.Equal(KerasValue.Tuple(5, 5), conv.Config["kernel_size"]);
        Assert.Equal(S("same"), conv.Config["padding"]);
        Assert.Equal([70, 52, 3], spec.InputShape!.Select(d => d!.Value));
        Assert.Equal(KerasValue.Tuple(2, 2), spec.Layers[2].Config["strides"]);
        Assert.Equal(I(512), spec.Layers[7].Config["units"]);
        Assert.Equal(I(2), spec.Layers[9].Config["units"]);
        Assert.Equal("Adam", spec.Compile!.Optimizer!.ClassName);
        Assert.Empty(spec.Compile.Optimizer.Config);
        Assert.Equal("categorical_crossentropy", spec.Compile.Loss);
        Assert.Equal(70, spec.Fit!.Epochs);
        Assert.Equal(500, spec.Fit.BatchSize);
        Assert.True(spec.UsesKeras1Spelling);
        Assert.Contains(spec.Skipped, s => s.Line == 20 && s.EndLine == 23 && s.Reason.Contains("glob.glob"));
    }

    [Fact]
    public void Story2KernelAsLargeAsImage_TheanoInputShape_DataFormatLeftToData()
    {
        var spec = Read("story2_kernel_as_large_as_image.py");

        Assert.Equal(["Conv2D", "Activation", "Flatten", "Dense", "Activation", "Dense", "Activation"], ClassNames(spec));
        var conv = spec.Layers[0].Config;
        Assert.Equal(I(32), conv["filters"]);
        Assert.Equal(KerasValue.Tuple(400, 400), conv["kernel_size"]);
        Assert.Equal(S("valid"), conv["padding"]);
        Assert.Equal(S("he_normal"), conv["kernel_initializer"]);
        Assert.False(conv.ContainsKey("data_format"));
        Assert.Equal([1, 400, 400], spec.InputShape!.Select(d => d!.Value));
        Assert.Null(spec.ImageDataFormat.Format);
        Assert.True(spec.ImageDataFormat.DecideFromData);
        Assert.Contains(spec.Warnings, w => w.Message.Contains("looks channels-first"));
        Assert.Equal(I(25), spec.Layers[3].Config["units"]);

        var sgd = spec.Compile!.Optimizer!;
        Assert.Equal("SGD", sgd.ClassName);
        Assert.Equal(F(0.01), sgd.Config["learning_rate"]);
        Assert.Equal(F(1e-6), sgd.Config["decay"]);
        Assert.Equal(F(0.9), sgd.Config["momentum"]);
        Assert.Equal(KerasValue.Of(true), sgd.Config["nesterov"]);
        Assert.Equal([S("accuracy")], spec.Compile.Metrics);
        Assert.Equal(50, spec.Fit!.Epochs);
        Assert.Equal(32, spec.Fit.BatchSize);
        Assert.True(spec.Fit.HasValidationData);
        Assert.Equal("(X_train, Y_train)", spec.Fit.ValidationDataSource);
        Assert.Equal([3, 11, 12, 28], spec.Skipped.Select(s => s.Line));
    }

    [Fact]
    public void Story3Cifar10_ForLoopBlocksWithMaxnorm_ThreeBlocksAndMaxNormDense()
    {
        var spec = Read("story3_cifar10_dropout_maxnorm.py");

        Assert.Equal(18, spec.Layers.Count);
        Assert.Equal([32, 32, 64, 64, 128, 128],
            spec.Layers.Where(l => l.ClassName == "Conv2D").Select(l => ((KerasInt)l.Config["filters"]).Value));
        Assert.All(spec.Layers.Where(l => l.ClassName == "Dropout").Take(3), l => Assert.Equal(F(0.2), l.Config["rate"]));
        var dense1024 = spec.Layers.Single(l => l.Config.GetValueOrNull("units") == I(1024));
        var constraint = Assert.IsType<KerasObjectSpec>(dense1024.Config["kernel_constraint"]);
        Assert.Equal(KerasObjectKind.Constraint, constraint.Kind);
        Assert.Equal("MaxNorm", constraint.ClassName);
        Assert.Equal(F(3.0), constraint.Config["max_value"]);
        Assert.Equal(S("softmax"), spec.Layers[^1].Config["activation"]);
        Assert.Equal(I(10), spec.Layers[^1].Config["units"]);
        Assert.Equal(0.1, spec.Fit!.ValidationSplit);
        Assert.Equal(50, spec.Fit.Epochs);
        Assert.Equal(64, spec.Fit.BatchSize);
    }

    [Fact]
    public void Story3Cifar10SecondTry_HelperFunctionWithKwargs_BatchNormAfterEachBlock()
    {
        var spec = Read("story3_cifar10_batchnorm.py");

        Assert.Equal("cifar_bn", spec.Name);
        Assert.Equal(5, spec.Layers.Count(l => l.ClassName == "BatchNormalization"));
        Assert.Equal([32, 32, 3], spec.InputShape!.Select(d => d!.Value));
        Assert.Equal([32, 32, 3], spec.Layers[0].InputShape!.Select(d => d!.Value));
        Assert.Equal(F(0.001), spec.Compile!.Optimizer!.Config["learning_rate"]);
        Assert.Equal([S("accuracy")], spec.Compile.Metrics);
        Assert.True(spec.Fit!.Shuffle);
        Assert.False(spec.UsesKeras1Spelling);
    }

    [Fact]
    public void Story4TabularMlp_CallbacksAndClassWeight_Normalized()
    {
        var spec = Read("story4_tabular_mlp_callbacks.py");

        Assert.Equal(["Dense", "Dropout", "Dense", "Dense"], ClassNames(spec));
        Assert.Equal([18], spec.InputShape!.Select(d => d!.Value));
        Assert.Equal(F(0.1), spec.Compile!.Optimizer!.Config["learning_rate"]);
        Assert.Equal([S("accuracy")], spec.Compile.Metrics);
        var fit = spec.Fit!;
        Assert.Equal(["EarlyStopping", "ReduceLROnPlateau", "ModelCheckpoint"], fit.Callbacks.Select(c => c.ClassName));
        Assert.Equal(I(10), fit.Callbacks[0].Config["patience"]);
        Assert.Equal(KerasValue.Of(true), fit.Callbacks[0].Config["restore_best_weights"]);
        Assert.Equal(F(1e-5), fit.Callbacks[1].Config["min_lr"]);
        Assert.Equal(S("best.h5"), fit.Callbacks[2].Config["filepath"]);
        var weights = Assert.IsType<KerasDict>(fit.ClassWeight);
        Assert.Equal(F(3.0), weights[I(1)]);
        Assert.Equal(KerasValue.Of(2), fit.Verbose);
        Assert.Contains(spec.Skipped, s => s.Line == 45 && s.Reason == "calls plt.show(...)");
    }

    [Fact]
    public void Story5TanhMlp_ValidationSplitFromTheEnd_Imported()
    {
        var spec = Read("story5_tanh_mlp_two_curves.py");

        Assert.Equal(5, spec.Layers.Count);
        Assert.All(spec.Layers.Take(4), l =>
        {
            Assert.Equal(I(4), l.Config["units"]);
            Assert.Equal(S("tanh"), l.Config["activation"]);
        });
        Assert.Equal([2], spec.InputShape!.Select(d => d!.Value));
        Assert.Equal("SGD", spec.Compile!.Optimizer!.ClassName);
        Assert.Equal(300, spec.Fit!.Epochs);
        Assert.Equal(8, spec.Fit.BatchSize);
        Assert.Equal(0.2, spec.Fit.ValidationSplit);
        Assert.Null(spec.Fit.Shuffle);
        Assert.Equal("data", spec.Fit.XSource);
        Assert.Equal("labels", spec.Fit.YSource);
        Assert.False(spec.ImageDataFormat.DecideFromData);
    }

    [Fact]
    public void Keras1MnistMlp_Python2Prints_SkippedAndNbEpochRenamed()
    {
        var spec = Read("keras1_mnist_mlp.py");

        Assert.Equal([784], spec.InputShape!.Select(d => d!.Value));
        Assert.Equal("RMSprop", spec.Compile!.Optimizer!.ClassName);
        Assert.Equal(20, spec.Fit!.Epochs);
        Assert.Equal(128, spec.Fit.BatchSize);
        Assert.Equal(2, spec.Skipped.Count(s => s.Reason == "Python 2 print statement"));
        Assert.Contains(spec.Skipped, s => s.Line == 46 && s.Reason.Contains("summary"));
    }

    [Fact]
    public void Keras1MnistCnn_SetImageDimOrderingTh_ChannelsFirstFromScript()
    {
        var spec = Read("keras1_mnist_cnn_th.py");

        Assert.Equal("channels_first", spec.ImageDataFormat.Format);
        Assert.False(spec.ImageDataFormat.DecideFromData);
        Assert.Contains("set_image_dim_ordering('th')", spec.ImageDataFormat.Origin);
        Assert.Equal([1, 28, 28], spec.InputShape!.Select(d => d!.Value));
        Assert.Equal(KerasValue.Tuple(3, 3), spec.Layers[0].Config["kernel_size"]);
        Assert.Equal(KerasValue.Tuple(3, 3), spec.Layers[2].Config["kernel_size"]);
        Assert.Equal(KerasValue.Tuple(2, 2), spec.Layers[4].Config["pool_size"]);
        Assert.Equal("Adadelta", spec.Compile!.Optimizer!.ClassName);
        Assert.Equal(12, spec.Fit!.Epochs);
    }

    [Fact]
    public void Keras2MnistCnn_IfOnImageDataFormat_TakesChannelsLastBranchWithWarning()
    {
        var spec = Read("keras2_mnist_cnn_image_data_format.py");

        Assert.Equal([28, 28, 1], spec.InputShape!.Select(d => d!.Value));
        Assert.Contains(spec.Warnings, w => w.Source?.Line == 20 && w.Message.Contains("read as 'channels_last'"));
        Assert.Equal("categorical_crossentropy", spec.Compile!.Loss);
        Assert.Equal("Adadelta", spec.Compile.Optimizer!.ClassName);
        Assert.Equal(KerasValue.Tuple(3, 3), spec.Layers[0].Config["kernel_size"]);
        Assert.Equal(KerasValue.Tuple(3, 3), spec.Layers[1].Config["kernel_size"]);
        Assert.Contains(spec.Skipped, s => s.Line == 25 && s.Reason == "calls x_train.reshape(...)");
    }

    [Fact]
    public void TfKerasQuickstart_LossObjectFromLogits_FromLogitsTrue()
    {
        var spec = Read("tfkeras_beginner_quickstart.py");

        Assert.Equal(["Flatten", "Dense", "Dropout", "Dense"], ClassNames(spec));
        Assert.Equal([28, 28], spec.InputShape!.Select(d => d!.Value));
        Assert.Equal("sparse_categorical_crossentropy", spec.Compile!.Loss);
        Assert.True(spec.Compile.FromLogits);
        Assert.Equal(5, spec.Fit!.Epochs);
        Assert.Contains(spec.Skipped, s => s.Line == 15 && s.Reason == "calls model(x_train[:1]).numpy(...)");
    }

    [Fact]
    public void Keras3FunctionalChain_ModelFromInputsAndOutputs_LinearLayers()
    {
        var spec = Read("keras3_functional_chain.py");

        Assert.Equal("mnist_functional", spec.Name);
        Assert.Equal(["Conv2D", "MaxPooling2D", "Conv2D", "GlobalAveragePooling2D", "Dropout", "Dense"], ClassNames(spec));
        Assert.Equal(KerasValue.Tuple(3, 3), spec.Layers[0].Config["kernel_size"]);
        Assert.Equal(KerasValue.Tuple(2, 2), spec.Layers[1].Config["pool_size"]);
        Assert.Equal("predictions", spec.Layers[^1].Name);
        Assert.Equal(F(1e-3), spec.Compile!.Optimizer!.Config["learning_rate"]);
        var metric = Assert.IsType<KerasObjectSpec>(Assert.Single(spec.Compile.Metrics));
        Assert.Equal("SparseCategoricalAccuracy", metric.ClassName);
    }

    [Fact]
    public void Keras3MnistConvnet_InputFirstInList_InputShapeFromKerasInput()
    {
        var spec = Read("keras3_mnist_convnet.py");

        Assert.Equal([28, 28, 1], spec.InputShape!.Select(d => d!.Value));
        Assert.Equal(7, spec.Layers.Count);
        Assert.Null(spec.Layers[0].InputShape);
        Assert.Equal(15, spec.Fit!.Epochs);
        Assert.Equal(128, spec.Fit.BatchSize);
        Assert.Equal(0.1, spec.Fit.ValidationSplit);
        Assert.Equal("Adam", spec.Compile!.Optimizer!.ClassName);
    }

    [Fact]
    public void Keras3Augmentation_NestedSequential_FlattenedWithWarning()
    {
        var spec = Read("keras3_image_classification_augmentation.py");

        Assert.Equal(["RandomFlip", "RandomRotation", "RandomZoom", "Rescaling", "Conv2D"], ClassNames(spec).Take(5));
        Assert.Equal(S("horizontal"), spec.Layers[0].Config["mode"]);
        Assert.Equal(F(0.1), spec.Layers[1].Config["factor"]);
        Assert.Equal(F(1.0 / 255), spec.Layers[3].Config["scale"]);
        Assert.Equal([180, 180, 3], spec.InputShape!.Select(d => d!.Value));
        Assert.Equal(KerasValue.None, spec.Layers[^1].Config["activation"]);
        Assert.Equal("binary_crossentropy", spec.Compile!.Loss);
        Assert.True(spec.Compile.FromLogits);
        Assert.Equal(F(3e-4), spec.Compile.Optimizer!.Config["learning_rate"]);
        Assert.Equal("ModelCheckpoint", Assert.Single(spec.Fit!.Callbacks).ClassName);
        Assert.Contains(spec.Warnings, w => w.Message.Contains("nested Sequential model (line 24) flattened"));
    }

    [Fact]
    public void ListComprehension_BuildsHiddenLayers_InOrder()
    {
        var spec = Read("list_comprehension_mlp.py");

        Assert.Equal([256, 128, 64, 1],
            spec.Layers.Where(l => l.ClassName == "Dense").Select(l => ((KerasInt)l.Config["units"]).Value));
        Assert.Equal(F(0.25), spec.Layers[3].Config["rate"]);
        Assert.Equal([S("auc")], spec.Compile!.Metrics);
        Assert.Equal(0.15, spec.Fit!.ValidationSplit);
    }

    [Fact]
    public void ForLoopBlocks_NamesFromFormatting_AndInputShapeOnFirstConv()
    {
        var spec = Read("for_loop_blocks.py");

        Assert.Equal("mini_vgg", spec.Name);
        Assert.Equal(7, spec.Layers.Count(l => l.ClassName == "Conv2D"));
        Assert.Equal(["block1_conv1", "block1_conv2", "block1_pool", "block2_conv1"], spec.Layers.Take(4).Select(l => l.Name));
        Assert.Equal("block3_conv3", spec.Layers[8].Name);
        Assert.Equal("fc1", spec.Layers[11].Name);
        Assert.Equal([64, 64, 3], spec.InputShape!.Select(d => d!.Value));
        Assert.Equal(F(0.01), spec.Compile!.Optimizer!.Config["learning_rate"]);
        Assert.Equal(F(1e-6), spec.Compile.Optimizer.Config["decay"]);
    }

    [Fact]
    public void BuildModelFunction_CalledFromMainGuard_UsesCallArguments()
    {
        var spec = Read("build_model_function.py");

        Assert.Equal(["Dense", "BatchNormalization", "Dropout", "Dense", "BatchNormalization", "Dropout", "Dense"], ClassNames(spec));
        Assert.Equal(I(64), spec.Layers[0].Config["units"]);
        Assert.Equal(I(32), spec.Layers[3].Config["units"]);
        Assert.Equal([13], spec.InputShape!.Select(d => d!.Value));
        Assert.Equal(F(0.005), spec.Compile!.Optimizer!.Config["learning_rate"]);
        Assert.Equal("mean_squared_error", spec.Compile.Loss);
        Assert.Equal([S("mean_absolute_error")], spec.Compile.Metrics);
        Assert.Equal(100, spec.Fit!.Epochs);
        Assert.Equal(KerasValue.Of(0), spec.Fit.Verbose);
    }

    [Fact]
    public void DataHeavyScript_ManySkippedStatements_ModelStillImported()
    {
        var spec = Read("data_heavy_script.py");

        Assert.Equal(["Dense", "Dropout", "Dense", "Dense"], ClassNames(spec));
        Assert.Equal("sparse_categorical_crossentropy", spec.Compile!.Loss);
        Assert.Equal("EarlyStopping", Assert.Single(spec.Fit!.Callbacks).ClassName);
        Assert.Contains(spec.Warnings, w => w.Message.Contains("callback time_callback is not a Keras callback"));
        Assert.Contains(spec.Skipped, s => s.Line == 39 && s.EndLine == 41 && s.Reason.Contains("while loop"));
        Assert.Contains(spec.Skipped, s => s.Line == 44 && s.Reason.Contains("class definition TimeHistory"));
        Assert.True(spec.Skipped.Count >= 20);
    }

    [Fact]
    public void FitGeneratorKeras1_SamplesPerEpochAndDimOrdering_KeptApart()
    {
        var spec = Read("fit_generator_keras1.py");

        Assert.Equal("channels_first", spec.ImageDataFormat.Format);
        Assert.Contains("dim_ordering='th'", spec.ImageDataFormat.Origin);
        Assert.Equal(S("channels_first"), spec.Layers[0].Config["data_format"]);
        var fit = spec.Fit!;
        Assert.True(fit.UsesGenerator);
        Assert.Equal(2000, fit.SamplesPerEpoch);
        Assert.Null(fit.StepsPerEpoch);
        Assert.Equal(800, fit.ValidationSamples);
        Assert.Equal(50, fit.Epochs);
        Assert.Equal("train_generator", fit.XSource);
        Assert.Contains(spec.Warnings, w => w.Message.Contains("ImageDataGenerator"));
        Assert.Contains(spec.Skipped, s => s.Line == 38 && s.Reason.Contains("save_weights"));
    }

    [Fact]
    public void FitGeneratorKeras2_StepsFromDataAndEpsilonRename_Recorded()
    {
        var spec = Read("fit_generator_keras2.py");

        var reg = Assert.IsType<KerasObjectSpec>(spec.Layers[0].Config["kernel_regularizer"]);
        Assert.Equal("L2", reg.ClassName);
        Assert.Equal(F(5e-4), reg.Config["l2"]);
        Assert.Equal(["accuracy"], spec.Compile!.Metrics.Select(m => m.AsString()));
        var fit = spec.Fit!;
        Assert.Equal("len(x_train) // 64", fit.DataDependent["steps_per_epoch"]);
        Assert.Null(fit.StepsPerEpoch);
        Assert.Equal(60, fit.Epochs);
        Assert.Equal(["EarlyStopping", "ModelCheckpoint", "ReduceLROnPlateau", "CSVLogger"], fit.Callbacks.Select(c => c.ClassName));
        Assert.Equal(F(1e-4), fit.Callbacks[2].Config["min_delta"]);
        Assert.Equal(S("max"), fit.Callbacks[0].Config["mode"]);
        Assert.Contains(spec.Warnings, w => w.Message.Contains("workers=4 ignored"));
    }

    [Fact]
    public void RegularizersInitializers_AllSpellings_NormalizedToKeras3Objects()
    {
        var spec = Read("regularizers_initializers.py");

        var first = spec.Layers[0].Config;
        Assert.Equal(I(256), first["units"]);
        Assert.Equal(S("random_uniform"), first["kernel_initializer"]);
        Assert.Equal(new KerasObjectSpec(KerasObjectKind.Regularizer, "L2", KerasConfig.Of(("l2", F(0.01)))), first["kernel_regularizer"]);
        Assert.Equal(new KerasObjectSpec(KerasObjectKind.Regularizer, "L1", KerasConfig.Of(("l1", F(1e-5)))), first["activity_regularizer"]);
        Assert.Equal(new KerasObjectSpec(KerasObjectKind.Constraint, "MaxNorm", KerasConfig.Of(("max_value", F(2.0)))), first["kernel_constraint"]);
        Assert.Equal([100], spec.InputShape!.Select(d => d!.Value));
        Assert.Equal(F(0.5), spec.Layers[2].Config["rate"]);

        var second = spec.Layers[3].Config;
        Assert.Equal(new KerasObjectSpec(KerasObjectKind.Initializer, "HeNormal", KerasConfig.Of(("seed", I(1)))), second["kernel_initializer"]);
        Assert.Equal(S("zeros"), second["bias_initializer"]);
        Assert.Equal(new KerasObjectSpec(KerasObjectKind.Regularizer, "L1L2", KerasConfig.Of(("l1", F(1e-5)), ("l2", F(1e-4)))), second["bias_regularizer"]);
        Assert.Equal("NonNeg", ((KerasObjectSpec)second["kernel_constraint"]).ClassName);
        Assert.Equal(KerasValue.Of(false), spec.Layers[5].Config["use_bias"]);
        Assert.Equal(F(0.01), ((KerasObjectSpec)spec.Layers[5].Config["kernel_initializer"]).Config["stddev"]);
        Assert.Equal("Nadam", spec.Compile!.Optimizer!.ClassName);
        Assert.True(spec.UsesKeras1Spelling);
    }

    [Fact]
    public void Conv1DKeras1_InputDimAndLength_BecomeInputShape()
    {
        var spec = Read("conv1d_keras1.py");

        Assert.Equal([100, 1], spec.InputShape!.Select(d => d!.Value));
        var first = spec.Layers[0].Config;
        Assert.Equal(I(64), first["filters"]);
        Assert.Equal(KerasValue.Tuple(3), first["kernel_size"]);
        Assert.Equal(S("same"), first["padding"]);
        Assert.Equal(KerasValue.Tuple(1), spec.Layers[1].Config["strides"]);
        Assert.Equal(KerasValue.Tuple(2), spec.Layers[2].Config["pool_size"]);
        Assert.Equal("GlobalAveragePooling1D", spec.Layers[4].ClassName);
        Assert.False(spec.Fit!.Shuffle);
    }

    [Fact]
    public void AdvancedActivations_LeakyReluAlpha_RenamedToNegativeSlope()
    {
        var spec = Read("advanced_activations.py");

        Assert.Equal(KerasValue.Tuple(KerasValue.Tuple(1, 1), KerasValue.Tuple(1, 1)), spec.Layers[0].Config["padding"]);
        Assert.Equal(F(0.1), spec.Layers[2].Config["negative_slope"]);
        Assert.Equal(KerasValue.Tuple(KerasValue.Tuple(0, 1), KerasValue.Tuple(0, 1)), spec.Layers[3].Config["padding"]);
        Assert.Equal(KerasValue.Tuple(2, 2), spec.Layers[4].Config["strides"]);
        Assert.Equal(F(1.0), spec.Layers[5].Config["alpha"]);
        Assert.Equal(KerasValue.Tuple(2, 2), spec.Layers[6].Config["pool_size"]);
        Assert.Equal(KerasValue.Tuple(2, 2), spec.Layers[7].Config["dilation_rate"]);
        Assert.Equal(F(6.0), spec.Layers[8].Config["max_value"]);
        Assert.Equal("Softmax", spec.Layers[^1].ClassName);
        Assert.Equal(F(0.002), spec.Compile!.Optimizer!.Config["learning_rate"]);
        Assert.Equal(0, spec.Fit!.InitialEpoch);
        Assert.False(spec.UsesKeras1Spelling);
    }

    [Fact]
    public void NotebookPaste_MagicsAndStarImports_Resolved()
    {
        var spec = Read("notebook_paste.py");

        Assert.Equal(["Conv2D", "MaxPooling2D", "Conv2D", "MaxPooling2D", "Flatten", "Dense", "Dense"], ClassNames(spec));
        Assert.Equal("MaxPool2D", spec.Layers[1].WrittenClassName);
        Assert.Equal("RMSprop", spec.Compile!.Optimizer!.ClassName);
        Assert.Equal(F(1e-4), spec.Compile.Optimizer.Config["learning_rate"]);
        Assert.Equal([1, 2], spec.Skipped.Where(s => s.Reason == "notebook magic line").Select(s => s.Line));
    }

    [Fact]
    public void Keras3Schedule_ScheduleObjectAsLearningRate_Kept()
    {
        var spec = Read("keras3_optimizer_schedule.py");

        Assert.Equal("mlp", spec.Name);
        Assert.Equal([784], spec.InputShape!.Select(d => d!.Value));
        var optimizer = spec.Compile!.Optimizer!;
        Assert.Equal("AdamW", optimizer.ClassName);
        var schedule = Assert.IsType<KerasObjectSpec>(optimizer.Config["learning_rate"]);
        Assert.Equal(KerasObjectKind.LearningRateSchedule, schedule.Kind);
        Assert.Equal("ExponentialDecay", schedule.ClassName);
        Assert.Equal(I(10000), schedule.Config["decay_steps"]);
        Assert.Equal(F(0.9), schedule.Config["decay_rate"]);
        Assert.Equal(F(1e-4), optimizer.Config["weight_decay"]);
        Assert.Equal(S("gelu"), spec.Layers[0].Config["activation"]);
        Assert.Equal(S("he_uniform"), spec.Layers[0].Config["kernel_initializer"]);
        Assert.True(spec.Compile.FromLogits);
        Assert.Equal(["EarlyStopping", "TerminateOnNaN"], spec.Fit!.Callbacks.Select(c => c.ClassName));
    }

    [Fact]
    public void TimeseriesConv1D_CausalPaddingAndMseAlias_Normalized()
    {
        var spec = Read("timeseries_conv1d_regression.py");

        Assert.Equal(KerasValue.Tuple(48, 1), spec.Layers[0].Config["target_shape"]);
        Assert.Equal([48], spec.InputShape!.Select(d => d!.Value));
        Assert.Equal(S("causal"), spec.Layers[1].Config["padding"]);
        Assert.Equal(KerasValue.Tuple(5), spec.Layers[2].Config["kernel_size"]);
        Assert.Equal(KerasValue.Tuple(2), spec.Layers[2].Config["strides"]);
        Assert.Equal("mean_squared_error", spec.Compile!.Loss);
        Assert.Equal(F(0.9), spec.Compile.Optimizer!.Config["rho"]);
        Assert.Contains(spec.Skipped, s => s.Line == 10);
    }

    [Fact]
    public void Keras1BatchNormTheano_ModeZeroDroppedWithWarning_AxisKept()
    {
        var spec = Read("keras1_batchnorm_theano.py");

        var bn = spec.Layers[1].Config;
        Assert.Equal(I(1), bn["axis"]);
        Assert.False(bn.ContainsKey("mode"));
        Assert.Equal(F(1e-5), spec.Layers[5].Config["epsilon"]);
        Assert.Equal(KerasValue.Tuple(2, 2), spec.Layers[4].Config["strides"]);
        Assert.Equal("channels_first", spec.ImageDataFormat.Format);
        Assert.Equal(F(1e-4), spec.Compile!.Optimizer!.Config["decay"]);
        Assert.Contains(spec.Warnings, w => w.Message.Contains("mode=0"));
        Assert.Contains(spec.Warnings, w => w.Message.Contains("show_accuracy=True ignored"));
    }

    [Fact]
    public void PreprocessingLayersTf23_InputLayerAndAliases_Normalized()
    {
        var spec = Read("preprocessing_layers_tf23.py");

        Assert.Equal([96, 96, 3], spec.InputShape!.Select(d => d!.Value));
        Assert.Equal(S("horizontal_and_vertical"), spec.Layers[0].Config["mode"]);
        Assert.Equal(KerasValue.Tuple(F(-0.2), F(0.2)), spec.Layers[1].Config["width_factor"]);
        Assert.Equal(S("nearest"), spec.Layers[1].Config["fill_mode"]);
        Assert.Equal(I(88), spec.Layers[2].Config["height"]);
        Assert.Equal(F(-1.0), spec.Layers[3].Config["offset"]);
        Assert.Equal("MaxPooling2D", spec.Layers[5].ClassName);
        Assert.Equal("AveragePooling2D", spec.Layers[7].ClassName);
        Assert.Equal("AvgPool2D", spec.Layers[7].WrittenClassName);
    }

    [Fact]
    public void TwoModels_OnlyTrainedOneImported_OtherWarned()
    {
        var spec = Read("two_models_one_trained.py");

        Assert.Equal([12, 8, 1], spec.Layers.Select(l => ((KerasInt)l.Config["units"]).Value));
        Assert.Equal(150, spec.Fit!.Epochs);
        Assert.Contains(spec.Warnings, w => w.Source?.Line == 5 && w.Message.Contains("another model (1 layers)"));
    }

    [Fact]
    public void DistributeScope_WithBodyRuns_ModelFromHelper()
    {
        var spec = Read("tf_distribute_scope.py");

        Assert.Equal(["Conv2D", "MaxPooling2D", "Flatten", "Dense", "Dense"], ClassNames(spec));
        Assert.Equal(I(10), spec.Layers[^1].Config["units"]);
        Assert.True(spec.Compile!.FromLogits);
        Assert.Equal(S("./logs"), Assert.Single(spec.Fit!.Callbacks).Config["log_dir"]);
    }
}
