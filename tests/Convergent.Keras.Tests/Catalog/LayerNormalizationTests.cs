using static Convergent.Keras.Tests.Support.CorpusFiles;

namespace Convergent.Keras.Tests.Catalog;

/// <summary>Keras 1/2/3 spellings of layer calls normalized to Keras 3 names and values.</summary>
public class LayerNormalizationTests
{
    private static LayerSpec Layer(string call, string imports = "from keras.layers import *")
    {
        var spec = KerasScriptReader.Read($"{imports}\nfrom keras.models import Sequential\nm = Sequential()\nm.add({call})\n", "l.py");
        return spec.Layers[0];
    }

    private static KerasImportException LayerError(string call) =>
        ReadError($"from keras.layers import *\nfrom keras.models import Sequential\nm = Sequential()\nm.add({call})\n", "l.py");

    [Fact]
    public void Convolution2DKeras1_FullSpelling_MatchesKeras3()
    {
        var layer = Layer("Convolution2D(32, 5, 5, border_mode='same', init='he_normal', W_constraint=maxnorm(3), subsample=(2,2), dim_ordering='th', activation='relu', input_shape=(3, 32, 32))",
            "from keras.layers import *\nfrom keras.constraints import maxnorm");

        Assert.Equal("Conv2D", layer.ClassName);
        Assert.Equal("Convolution2D", layer.WrittenClassName);
        var c = layer.Config;
        Assert.Equal(KerasValue.Of(32), c["filters"]);
        Assert.Equal(KerasValue.Tuple(5, 5), c["kernel_size"]);
        Assert.Equal(KerasValue.Of("same"), c["padding"]);
        Assert.Equal(KerasValue.Of("he_normal"), c["kernel_initializer"]);
        Assert.Equal(new KerasObjectSpec(KerasObjectKind.Constraint, "MaxNorm", KerasConfig.Of(("max_value", KerasValue.Of(3.0)))), c["kernel_constraint"]);
        Assert.Equal(KerasValue.Tuple(2, 2), c["strides"]);
        Assert.Equal(KerasValue.Of("channels_first"), c["data_format"]);
        Assert.Equal(KerasValue.Of("relu"), c["activation"]);
        Assert.Equal([3, 32, 32], layer.InputShape!.Select(d => d!.Value));
        Assert.Equal(8, c.Count);
    }

    [Fact]
    public void Convolution2DKeras1_NbRowNbColKeywords_BecomeKernelSize()
    {
        Assert.Equal(KerasValue.Tuple(3, 5), Layer("Convolution2D(nb_filter=8, nb_row=3, nb_col=5)").Config["kernel_size"]);
        Assert.Equal(KerasValue.Tuple(3, 5), Layer("Convolution2D(8, 3, nb_col=5)").Config["kernel_size"]);
    }

    [Fact]
    public void Conv2DKeras3Name_ThreeIntPositionals_ReadAsStridesWithWarning()
    {
        var spec = KerasScriptReader.Read("from keras.layers import Conv2D\nfrom keras.models import Sequential\nm = Sequential([Conv2D(32, 3, 2)])\n");

        Assert.Equal(KerasValue.Tuple(3, 3), spec.Layers[0].Config["kernel_size"]);
        Assert.Equal(KerasValue.Tuple(2, 2), spec.Layers[0].Config["strides"]);
        Assert.Contains(spec.Warnings, w => w.Message.Contains("Keras 2.0-2.2 read it as kernel_size=(3, 2)"));
    }

    [Fact]
    public void DenseKeras1_OutputDimInitBias_Renamed()
    {
        var c = Layer("Dense(output_dim=512, init='normal', bias=False, input_dim=784)").Config;

        Assert.Equal(KerasValue.Of(512), c["units"]);
        Assert.Equal(KerasValue.Of("random_normal"), c["kernel_initializer"]);
        Assert.Equal(KerasValue.Of(false), c["use_bias"]);
        Assert.Equal(["units", "kernel_initializer", "use_bias"], c.Keys);
    }

    [Fact]
    public void DropoutKeras1P_RenamedToRate()
    {
        Assert.Equal(KerasValue.Of(0.5), Layer("Dropout(p=0.5)").Config["rate"]);
    }

    [Fact]
    public void MaxPoolingKeras1_BorderModeAndDimOrderingTf_Renamed()
    {
        var c = Layer("MaxPooling2D(pool_size=(3, 3), strides=2, border_mode='same', dim_ordering='tf')").Config;

        Assert.Equal(KerasValue.Tuple(3, 3), c["pool_size"]);
        Assert.Equal(KerasValue.Tuple(2, 2), c["strides"]);
        Assert.Equal(KerasValue.Of("same"), c["padding"]);
        Assert.Equal(KerasValue.Of("channels_last"), c["data_format"]);
    }

    [Fact]
    public void DimOrderingDefault_LeftNotGiven()
    {
        Assert.False(Layer("MaxPooling2D(dim_ordering='default')").Config.ContainsKey("data_format"));
    }

    [Fact]
    public void LeakyReluKeras2Alpha_BecomesNegativeSlope()
    {
        Assert.Equal(KerasValue.Of(0.2), Layer("LeakyReLU(alpha=0.2)").Config["negative_slope"]);
        Assert.Equal(KerasValue.Of(0.2), Layer("LeakyReLU(0.2)").Config["negative_slope"]);
    }

    [Fact]
    public void PaddingUpperCase_LowerCased()
    {
        Assert.Equal(KerasValue.Of("same"), Layer("Conv2D(4, 3, padding='SAME')").Config["padding"]);
    }

    [Fact]
    public void HarmlessArguments_BecomeWarningsOrFields()
    {
        var spec = KerasScriptReader.Read("from keras.layers import Dense\nfrom keras.models import Sequential\nm = Sequential([Dense(3, input_dim=2, name='out', trainable=True, dtype='float32')])\n");

        Assert.Equal("out", spec.Layers[0].Name);
        Assert.Equal(["units"], spec.Layers[0].Config.Keys);
        Assert.Contains(spec.Warnings, w => w.Message == "Dense: trainable=True is the default; ignored");
        Assert.Contains(spec.Warnings, w => w.Message == "Dense: dtype=\"float32\" is the default; ignored");
    }

    [Fact]
    public void TrainableFalse_KeptInConfig()
    {
        Assert.Equal(KerasValue.Of(false), Layer("Dense(3, trainable=False)").Config["trainable"]);
    }

    [Fact]
    public void ActivationFunctionObjects_NormalizedToNames()
    {
        Assert.Equal(KerasValue.Of("relu"), Layer("Dense(3, activation=tf.nn.relu)", "from keras.layers import *\nimport tensorflow as tf").Config["activation"]);
        Assert.Equal(KerasValue.Of("softmax"), Layer("Dense(3, activation=keras.activations.softmax)", "from keras.layers import *\nimport keras").Config["activation"]);
        Assert.Equal(KerasValue.None, Layer("Dense(3, activation=None)").Config["activation"]);
    }

    [Fact]
    public void ZeroPadding2DForms_NormalizedToPairs()
    {
        var expected = KerasValue.Tuple(KerasValue.Tuple(2, 2), KerasValue.Tuple(3, 3));
        Assert.Equal(expected, Layer("ZeroPadding2D((2, 3))").Config["padding"]);
        Assert.Equal(KerasValue.Tuple(KerasValue.Tuple(1, 1), KerasValue.Tuple(1, 1)), Layer("ZeroPadding2D(1)").Config["padding"]);
        Assert.False(Layer("ZeroPadding2D()").Config.ContainsKey("padding"));
    }

    [Theory]
    [InlineData("Conv2D(32, 3, kernal_size=3)", "unknown argument 'kernal_size' for Conv2D", "did you mean 'kernel_size'?")]
    [InlineData("Dense(-3)", "Dense argument 'units': expected a positive integer, got -3", null)]
    [InlineData("Dense('abc')", "Dense argument 'units': expected a positive integer, got \"abc\"", null)]
    [InlineData("Dropout(1.5)", "Dropout argument 'rate': expected a number in [0, 1), got 1.5", null)]
    [InlineData("Dense(3, activation='relux')", "Dense argument 'activation': unknown activation name 'relux'", "did you mean 'relu'?")]
    [InlineData("Conv2D(8, (3, 3, 3))", "Conv2D argument 'kernel_size': expected a positive integer or a tuple of 2 positive integers, got (3, 3, 3)", null)]
    [InlineData("Conv2D(8, 3, padding='full')", "Conv2D argument 'padding': padding 'full' (Keras 1 border_mode='full', Theano only) is not supported", null)]
    [InlineData("Convolution2D(8, 3, 3, border_mode='full')", "Conv2D argument 'padding': padding 'full' (Keras 1 border_mode='full', Theano only) is not supported", null)]
    [InlineData("BatchNormalization(mode=2)", "BatchNormalization argument 'mode': Keras 1 BatchNormalization mode=2 is not supported", "only mode=0")]
    [InlineData("Dense(3, weights=[w, b])", "initial weights given in the script are not supported", null)]
    [InlineData("PReLU()", "unsupported layer 'PReLU'", "supported layers: Conv1D, Conv2D")]
    [InlineData("Dense()", "Dense requires argument 'units'", null)]
    [InlineData("Dense(3, units=4)", "Dense got multiple values for argument 'units'", null)]
    [InlineData("Dense(3, activation=LeakyReLU())", "a LeakyReLU layer is used as a value", "add it as its own layer")]
    public void InvalidLayerCall_ErrorNamesArgumentAndValue(string call, string reason, string? hint)
    {
        var e = LayerError(call);

        Assert.Contains(reason, e.Reason);
        if (hint is not null)
        {
            Assert.Contains(hint, e.Hint);
        }

        Assert.Equal(4, e.Line);
        Assert.Equal($"m.add({call})", e.SourceText);
    }

    [Fact]
    public void UnknownArgument_ColumnPointsAtKeyword()
    {
        var e = LayerError("Conv2D(32, 3, kernal_size=3)");

        Assert.Equal(21, e.Column);
        Assert.StartsWith("l.py:4:21: unknown argument 'kernal_size' for Conv2D in \"m.add(Conv2D(32, 3, kernal_size=3))\"; did you mean 'kernel_size'?", e.Message);
    }
}
