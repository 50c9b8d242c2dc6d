using static Convergent.Keras.Tests.Support.CorpusFiles;

namespace Convergent.Keras.Tests.Catalog;

/// <summary>compile and fit arguments in Keras 1/2/3 spellings, and the objects they take.</summary>
public class CompileFitTests
{
    private const string Model = "import keras\nfrom keras.models import Sequential\nfrom keras.layers import Dense\nfrom keras.optimizers import *\nfrom keras.callbacks import *\nm = Sequential([Dense(1, input_dim=2)])\n";

    private static KerasModelSpec Run(string body) => KerasScriptReader.Read(Model + body, "c.py");

    [Theory]
    [InlineData("'sgd'", "SGD")]
    [InlineData("'Adam'", "Adam")]
    [InlineData("'rmsprop'", "RMSprop")]
    [InlineData("keras.optimizers.RMSprop()", "RMSprop")]
    [InlineData("keras.optimizers.legacy.Adagrad()", "Adagrad")]
    [InlineData("keras.optimizers.experimental.AdamW()", "AdamW")]
    public void Compile_OptimizerSpellings_CanonicalClass(string optimizer, string expected)
    {
        var spec = Run($"m.compile(optimizer={optimizer}, loss='mse')\n");

        Assert.Equal(expected, spec.Compile!.Optimizer!.ClassName);
        Assert.Equal(KerasObjectKind.Optimizer, spec.Compile.Optimizer.Kind);
    }

    [Fact]
    public void Compile_Keras1SgdPositional_DecayInThirdPlace()
    {
        var optimizer = Run("m.compile(SGD(0.01, 0.9, 1e-6, True), 'mse')\n").Compile!.Optimizer!;

        Assert.Equal(KerasConfig.Of(("learning_rate", KerasValue.Of(0.01)), ("momentum", KerasValue.Of(0.9)), ("decay", KerasValue.Of(1e-6)), ("nesterov", KerasValue.Of(true))),
            optimizer.Config);
    }

    [Fact]
    public void Compile_AdamLrAndEpsilon_RenamedAndKept()
    {
        var optimizer = Run("m.compile(Adam(lr=3e-4, beta_1=0.8, epsilon=None, decay=0.01, amsgrad=True), 'mse')\n").Compile!.Optimizer!;

        Assert.Equal(KerasValue.Of(3e-4), optimizer.Config["learning_rate"]);
        Assert.Equal(KerasValue.None, optimizer.Config["epsilon"]);
        Assert.Equal(KerasValue.Of(0.01), optimizer.Config["decay"]);
        Assert.Equal(KerasValue.Of(true), optimizer.Config["amsgrad"]);
    }

    [Theory]
    [InlineData("'mse'", "mean_squared_error")]
    [InlineData("'MAE'", "mean_absolute_error")]
    [InlineData("'kullback_leibler_divergence'", "kl_divergence")]
    [InlineData("keras.losses.categorical_crossentropy", "categorical_crossentropy")]
    [InlineData("keras.losses.Huber(delta=2.0)", "huber")]
    public void Compile_LossSpellings_Keras3Name(string loss, string expected)
    {
        Assert.Equal(expected, Run($"m.compile('adam', loss={loss})\n").Compile!.Loss);
    }

    [Fact]
    public void Compile_LossObject_FromLogitsAndOtherConfigSplit()
    {
        var compile = Run("m.compile('adam', keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.1))\n").Compile!;

        Assert.True(compile.FromLogits);
        Assert.Equal(KerasConfig.Of(("label_smoothing", KerasValue.Of(0.1))), compile.LossConfig);
    }

    [Fact]
    public void Compile_MetricsAndLossWeights_Normalized()
    {
        var compile = Run("m.compile(loss='binary_crossentropy', optimizer='adam', metrics=['acc', 'mse', keras.metrics.AUC(curve='PR')], loss_weights=[1.0])\n").Compile!;

        Assert.Equal(KerasValue.Of("accuracy"), compile.Metrics[0]);
        Assert.Equal(KerasValue.Of("mean_squared_error"), compile.Metrics[1]);
        var auc = Assert.IsType<KerasObjectSpec>(compile.Metrics[2]);
        Assert.Equal(KerasValue.Of("pr"), auc.Config["curve"]);
        Assert.Equal(KerasValue.List(KerasValue.Of(1.0)), compile.Options["loss_weights"]);
    }

    [Fact]
    public void Compile_CustomLossFunction_Unsupported()
    {
        var e = ReadError(Model + "def my_loss(y_true, y_pred):\n    return 0\nm.compile('adam', loss=my_loss)\n", "c.py");

        Assert.Equal("custom loss function 'my_loss' (line 7) is not supported", e.Reason);
        Assert.Contains("supported losses: categorical_crossentropy", e.Hint);
    }

    [Fact]
    public void Compile_UnknownOptimizerString_ListsSupported()
    {
        var e = ReadError(Model + "m.compile('adamm', 'mse')\n", "c.py");

        Assert.Equal("unknown optimizer 'adamm'", e.Reason);
        Assert.Equal((7, 11), (e.Line, e.Column));
    }

    [Fact]
    public void Compile_RunEagerly_WarnedAsIgnored()
    {
        var spec = Run("m.compile('adam', 'mse', run_eagerly=True)\n");

        Assert.Contains(spec.Warnings, w => w.Message == "compile: run_eagerly=True ignored (it does not change training results)");
    }

    [Fact]
    public void Fit_PositionalKeras1Order_MapsToNames()
    {
        var fit = Run("m.compile('adam', 'mse')\nm.fit(x, y, 16, 3, 2, [], 0.25)\n").Fit!;

        Assert.Equal((16, 3, 0.25), (fit.BatchSize!.Value, fit.Epochs!.Value, fit.ValidationSplit!.Value));
        Assert.Equal(KerasValue.Of(2), fit.Verbose);
        Assert.Empty(fit.Callbacks);
    }

    [Fact]
    public void Fit_ShuffleBatchAndInitialEpoch_Kept()
    {
        var fit = Run("m.fit(x, y, nb_epoch=10, shuffle='batch', initial_epoch=4, validation_freq=2)\n").Fit!;

        Assert.Equal("batch", fit.ShuffleMode);
        Assert.Null(fit.Shuffle);
        Assert.Equal(4, fit.InitialEpoch);
        Assert.Equal(2, fit.ValidationFreq);
        Assert.Equal(10, fit.Epochs);
    }

    [Fact]
    public void Fit_UnknownEpochs_ErrorNamesVariable()
    {
        var e = ReadError(Model + "import sys\nEPOCHS = int(sys.argv[1])\nm.fit(x, y, epochs=EPOCHS)\n", "c.py");

        Assert.StartsWith("'EPOCHS' is not known to the importer (fit argument 'epochs'): it was set at line 8", e.Reason);
    }

    [Fact]
    public void Fit_UnknownArgument_Error()
    {
        var e = ReadError(Model + "m.fit(x, y, epoch=3)\n", "c.py");

        Assert.Equal("unknown argument 'epoch' for fit", e.Reason);
        Assert.StartsWith("did you mean 'epochs'?", e.Hint);
    }

    [Fact]
    public void Fit_ValidationSplitOutOfRange_Error()
    {
        var e = ReadError(Model + "m.fit(x, y, validation_split=1.2)\n", "c.py");

        Assert.Equal("fit argument 'validation_split': expected a number in [0, 1), got 1.2", e.Reason);
    }

    [Fact]
    public void Fit_CallbackArguments_Keras3Names()
    {
        var fit = Run("def step(epoch):\n    return 0.1\nm.fit(x, y, callbacks=[LearningRateScheduler(step), EarlyStopping('val_acc', 0.01, 5), ReduceLROnPlateau(epsilon=0.001)])\n").Fit!;

        Assert.Equal(new KerasExpression("step"), fit.Callbacks[0].Config["schedule"]);
        Assert.Equal(KerasConfig.Of(("monitor", KerasValue.Of("val_acc")), ("min_delta", KerasValue.Of(0.01)), ("patience", KerasValue.Of(5))),
            fit.Callbacks[1].Config);
        Assert.Equal(KerasValue.Of(0.001), fit.Callbacks[2].Config["min_delta"]);
    }

    [Fact]
    public void Fit_LambdaSchedule_KeptAsSourceText()
    {
        var fit = Run("m.fit(x, y, callbacks=[LearningRateScheduler(lambda e: 1e-3 * 0.9 ** e)])\n").Fit!;

        Assert.Equal(new KerasExpression("lambda e: 1e-3 * 0.9 ** e"), fit.Callbacks[0].Config["schedule"]);
    }

    [Fact]
    public void ObjectCall_UnknownArgument_Error()
    {
        var e = ReadError(Model + "m.compile(SGD(learning_rte=0.1), 'mse')\n", "c.py");

        Assert.Equal("unknown argument 'learning_rte' for SGD", e.Reason);
        Assert.StartsWith("did you mean 'learning_rate'?", e.Hint);
    }

    [Fact]
    public void UnsupportedOptimizer_ListsSupported()
    {
        var e = ReadError(Model + "m.compile(keras.optimizers.Ftrl(), 'mse')\n", "c.py");

        Assert.Equal("unsupported optimizer 'Ftrl'", e.Reason);
        Assert.Equal("supported optimizers: SGD, Adam, AdamW, RMSprop, Adagrad, Adadelta, Adamax, Nadam", e.Hint);
    }

    [Theory]
    [InlineData("l2(0.01)", "L2", "l2", 0.01)]
    [InlineData("l2(l=0.02)", "L2", "l2", 0.02)]
    [InlineData("keras.regularizers.L1(l1=0.03)", "L1", "l1", 0.03)]
    [InlineData("maxnorm(m=4)", "MaxNorm", "max_value", 4.0)]
    [InlineData("keras.constraints.MaxNorm(2)", "MaxNorm", "max_value", 2.0)]
    [InlineData("keras.initializers.RandomUniform(minval=-0.1)", "RandomUniform", "minval", -0.1)]
    [InlineData("keras.initializers.Constant(0.1)", "Constant", "value", 0.1)]
    public void ObjectSpellings_NormalizedClassAndArgument(string call, string className, string argument, double value)
    {
        string layerArgument = className switch
        {
            "MaxNorm" => "kernel_constraint",
            "L1" or "L2" => "kernel_regularizer",
            _ => "kernel_initializer",
        };
        var spec = KerasScriptReader.Read("import keras\nfrom keras.regularizers import l2\nfrom keras.constraints import maxnorm\n" +
            $"from keras.layers import Dense\nfrom keras.models import Sequential\nm = Sequential([Dense(1, input_dim=1, {layerArgument}={call})])\n");

        var obj = spec.Layers[0].Config.Values.OfType<KerasObjectSpec>().Single();
        Assert.Equal(className, obj.ClassName);
        Assert.Equal(KerasValue.Of(value), obj.Config[argument]);
    }
}
