using static Convergent.Keras.Tests.Support.CorpusFiles;

namespace Convergent.Keras.Tests.Evaluation;

/// <summary>The Python subset: values, control flow, functions, imports, skipping and unknowns.</summary>
public class ScriptEvaluatorTests
{
    private const string Imports = "from keras.models import Sequential\nfrom keras.layers import Dense, Conv2D, Dropout\n";

    private static KerasModelSpec Run(string body, KerasScriptOptions? options = null) =>
        KerasScriptReader.Read(Imports + body, "m.py", options);

    private static KerasValue Units(KerasModelSpec spec, int layer) => spec.Layers[layer].Config["units"];

    [Fact]
    public void Arithmetic_IntegerOperators_FollowPython()
    {
        var spec = Run("u = 2 ** 6 // 2 + 7 % 3 - -1\nv = -7 // 2\nw = -7 % 3\nm = Sequential([Dense(u, input_dim=abs(v)), Dense(w + 10)])\n");

        Assert.Equal(KerasValue.Of(34), Units(spec, 0));
        Assert.Equal([4], spec.InputShape!.Select(d => d!.Value));
        Assert.Equal(KerasValue.Of(12), Units(spec, 1));
    }

    [Fact]
    public void Arithmetic_FloatDivisionAndMixedTypes_GiveFloats()
    {
        var spec = Run("rate = 1 / 4 + 0.25 * 1\nm = Sequential([Dense(8, input_dim=2), Dropout(rate), Dropout(3 / 10)])\n");

        Assert.Equal(KerasValue.Of(0.5), spec.Layers[1].Config["rate"]);
        Assert.Equal(KerasValue.Of(0.3), spec.Layers[2].Config["rate"]);
    }

    [Fact]
    public void TupleArithmeticAndUnpacking_BuildInputShape()
    {
        var spec = Run("rows, cols = 28, 28\n(a, b), *rest = (1, 2), 3, 4\nshape = (rows, cols) + (a,)\nm = Sequential([Conv2D(rest[1] * 8, 3, input_shape=shape)])\n");

        Assert.Equal([28, 28, 1], spec.InputShape!.Select(d => d!.Value));
        Assert.Equal(KerasValue.Of(32), spec.Layers[0].Config["filters"]);
    }

    [Fact]
    public void StringFormatting_AllThreeStyles_BuildNames()
    {
        var spec = Run("i = 3\nm = Sequential([Dense(1, input_dim=1, name='fc_%d' % i), Dense(1, name='fc_{}_{x}'.format(i, x='b')), Dense(1, name=f'fc_{i * 2:03d}'), Dense(1, name='a' + str(i) * 2)])\n");

        Assert.Equal(["fc_3", "fc_3_b", "fc_006", "a33"], spec.Layers.Select(l => l.Name));
    }

    [Fact]
    public void ForLoop_BreakContinueAndElse_FollowPython()
    {
        var spec = Run("m = Sequential()\nm.add(Dense(1, input_dim=1))\nfor u in [8, 0, 16, 99, 32]:\n    if u == 0:\n        continue\n    if u == 99:\n        break\n    m.add(Dense(u))\nelse:\n    m.add(Dense(1000))\n");

        Assert.Equal([1, 8, 16], spec.Layers.Select(l => ((KerasInt)l.Config["units"]).Value));
    }

    [Fact]
    public void ListComprehensionWithCondition_AndListMethods_AddLayers()
    {
        var spec = Run("sizes = [u for u in range(8, 65, 8) if u % 16 == 0]\nsizes.append(1)\nsizes.insert(0, 2)\nlayers_ = [Dense(s) for s in sizes]\nm = Sequential(layers_)\nm.build((None, 5))\n");

        Assert.Equal([2, 16, 32, 48, 64, 1], spec.Layers.Select(l => ((KerasInt)l.Config["units"]).Value));
        Assert.Equal([5], spec.InputShape!.Select(d => d!.Value));
    }

    [Fact]
    public void DecidableIf_MainGuardAndKnownFlags_RunTheRightBranch()
    {
        var spec = Run("DEEP = False\nm = Sequential([Dense(4, input_dim=2)])\nif DEEP:\n    m.add(Dense(100))\nelif not DEEP and __name__ == '__main__':\n    m.add(Dense(7))\n");

        Assert.Equal([4, 7], spec.Layers.Select(l => ((KerasInt)l.Config["units"]).Value));
    }

    [Fact]
    public void UserFunction_DefaultsKeywordsAndKwargs_Bound()
    {
        var spec = Run("def block(model, units=16, **kw):\n    model.add(Dense(units, **kw))\n    return model\nm = Sequential()\nblock(m, 8, input_dim=3)\nblock(m, activation='relu')\n");

        Assert.Equal([8, 16], spec.Layers.Select(l => ((KerasInt)l.Config["units"]).Value));
        Assert.Equal(KerasValue.Of("relu"), spec.Layers[1].Config["activation"]);
        Assert.Equal([3], spec.InputShape!.Select(d => d!.Value));
    }

    [Fact]
    public void DataStatements_Skipped_WithReasonAndLines()
    {
        var spec = Run("import numpy as np\nx = np.load('x.npy')\ny = x * 2\nprint(y.shape)\nm = Sequential([Dense(1, input_dim=4)])\n");

        Assert.Equal(
            ["line 4: calls np.load(...): x = np.load('x.npy')", "line 5: uses 'x' (unknown since line 4): y = x * 2", "line 6: prints output: print(y.shape)"],
            spec.Skipped.Select(s => s.ToString()));
    }

    [Fact]
    public void UnknownValueInLayer_ErrorNamesVariableAndWhereItCameFrom()
    {
        var e = ReadError(Imports + "import numpy as np\ny = np.load('y.npy')\nnum_classes = y.shape[1]\nm = Sequential([Dense(num_classes, input_dim=4)])\n", "m.py");

        Assert.Equal((6, 23), (e.Line, e.Column));
        Assert.Equal("'num_classes' is not known to the importer (argument of Dense): it was set at line 5 by code that was skipped (uses 'y' (unknown since line 4))", e.Reason);
        Assert.Contains("KerasScriptOptions.Bindings", e.Hint);
    }

    [Fact]
    public void Bindings_SupplyDataDerivedValue_UsedWithWarning()
    {
        var options = new KerasScriptOptions { Bindings = new Dictionary<string, KerasValue> { ["num_classes"] = KerasValue.Of(10) } };

        var spec = Run("import numpy as np\ny = np.load('y.npy')\nnum_classes = y.shape[1]\nm = Sequential([Dense(num_classes, input_dim=4)])\n", options);

        Assert.Equal(KerasValue.Of(10), Units(spec, 0));
        Assert.Contains(spec.Warnings, w => w.Message == "'num_classes' set to 10 from the supplied bindings (the script computes it from data)");
    }

    [Fact]
    public void NamesBoundInUndecidableIf_BecomeUnknown()
    {
        var e = ReadError(Imports + "import sys\nunits = 8\nif sys.argv[1] == 'big':\n    units = 512\nm = Sequential([Dense(units, input_dim=2)])\n", "m.py");

        Assert.Contains("'units' is not known to the importer", e.Message);
        Assert.Contains("set inside a skipped block: if statement", e.Message);
    }

    [Theory]
    [InlineData("import keras\nm = keras.Sequential([keras.layers.Dense(3, input_dim=1)])\n")]
    [InlineData("import keras.layers as L\nfrom keras import models\nm = models.Sequential([L.Dense(3, input_dim=1)])\n")]
    [InlineData("from tensorflow.keras import layers, Sequential\nm = Sequential([layers.Dense(3, input_dim=1)])\n")]
    [InlineData("import tensorflow as tf\nm = tf.keras.Sequential([tf.keras.layers.Dense(3, input_dim=1)])\n")]
    [InlineData("from tensorflow.python.keras.layers import Dense as D\nfrom keras.models import Sequential as S\nm = S([D(3, input_dim=1)])\n")]
    [InlineData("from keras.layers.core import Dense\nfrom keras.models import *\nm = Sequential([Dense(3, input_dim=1)])\n")]
    [InlineData("import tf_keras as keras\nm = keras.models.Sequential()\nm.add(keras.layers.core.Dense(3, input_dim=1))\n")]
    public void ImportForms_AllResolveToDense(string source)
    {
        var spec = KerasScriptReader.Read(source);

        Assert.Equal("Dense", Assert.Single(spec.Layers).ClassName);
        Assert.Equal(KerasValue.Of(3), Units(spec, 0));
    }

    [Fact]
    public void TryExcept_ImportFallback_AssumesTryBodySucceeds()
    {
        var spec = KerasScriptReader.Read("try:\n    from keras.layers import Conv2D\nexcept ImportError:\n    from keras.layers.convolutional import Convolution2D as Conv2D\nfrom keras.models import Sequential\nm = Sequential([Conv2D(8, (3, 3), input_shape=(8, 8, 1))])\n");

        Assert.Equal("Conv2D", spec.Layers[0].WrittenClassName);
    }

    [Fact]
    public void ModelCodeInExceptBlock_Warned()
    {
        var spec = Run("m = Sequential([Dense(1, input_dim=1)])\ntry:\n    m.compile('adam', 'mse')\nexcept Exception:\n    m.compile('sgd', 'mse')\n");

        Assert.Equal("Adam", spec.Compile!.Optimizer!.ClassName);
        Assert.Contains(spec.Warnings, w => w.Source?.Line == 7 && w.Message.Contains("except block is not imported"));
    }

    [Fact]
    public void FunctionNeverCalled_WithTheModel_ErrorSaysSo()
    {
        var e = ReadError(Imports + "def build_model():\n    m = Sequential([Dense(1, input_dim=1)])\n    return m\n", "m.py");

        Assert.Equal(3, e.Line);
        Assert.Equal("the model is built inside function 'build_model', which the script never calls", e.Reason);
    }

    [Fact]
    public void CustomLayerClass_UsedInModel_ErrorNamesClass()
    {
        var e = ReadError(Imports + "from keras.layers import Layer\nclass Scale(Layer):\n    def call(self, x):\n        return x * 2\nm = Sequential([Dense(1, input_dim=1), Scale()])\n", "m.py");

        Assert.Equal(7, e.Line);
        Assert.Contains("class Scale is defined in the script; custom classes are not imported", e.Message);
    }

    [Fact]
    public void LayerCreatedButNeverAdded_Warned()
    {
        var spec = Run("extra = Dense(5)\nm = Sequential([Dense(1, input_dim=1)])\n");

        Assert.Contains(spec.Warnings, w => w.Source?.Line == 3 && w.Message == "Dense layer is created but never added to the model");
    }

    [Fact]
    public void SameLayerAddedTwice_SharedLayersUnsupported()
    {
        var e = ReadError(Imports + "d = Dense(4)\nm = Sequential([Dense(4, input_dim=4), d, d])\n", "m.py");

        Assert.Equal((4, 43), (e.Line, e.Column));
        Assert.Contains("the same Dense layer (created at line 3) is used twice", e.Message);
    }

    [Fact]
    public void PopAndInputNotFirst_FollowKeras()
    {
        var spec = Run("m = Sequential([Dense(4, input_dim=4), Dense(9)])\nm.pop()\nm.add(Dense(2))\n");
        Assert.Equal([4, 2], spec.Layers.Select(l => ((KerasInt)l.Config["units"]).Value));

        var e = ReadError("import keras\nm = keras.Sequential([keras.layers.Dense(3), keras.Input((4,))])\n");
        Assert.Contains("an Input must be the first element of a Sequential model", e.Message);
    }

    [Fact]
    public void InputLayerWithBatchShape_BatchSizeKept()
    {
        var spec = KerasScriptReader.Read("from keras.layers import InputLayer, Dense\nfrom keras.models import Sequential\nm = Sequential([InputLayer(batch_input_shape=(32, 10)), Dense(1)])\n");

        Assert.Equal([10], spec.InputShape!.Select(d => d!.Value));
        Assert.Equal(32, spec.InputBatchSize);
    }

    [Fact]
    public void FitInALoopOverEpochs_WarnedOnce()
    {
        var spec = Run("m = Sequential([Dense(1, input_dim=1)])\nm.compile('sgd', 'mse')\nfor e in range(5):\n    m.fit(x, y, epochs=1, verbose=0)\n");

        Assert.Equal(1, spec.Fit!.Epochs);
        Assert.Contains(spec.Warnings, w => w.Message.StartsWith("fit ran 5 times"));
    }

    [Fact]
    public void SetImageDataFormatKeras3_SetsModelFormat()
    {
        var spec = KerasScriptReader.Read("import keras\nkeras.config.set_image_data_format('channels_first')\nm = keras.Sequential([keras.Input((3, 8, 8)), keras.layers.Conv2D(4, 3)])\n");

        Assert.Equal("channels_first", spec.ImageDataFormat.Format);
        Assert.False(spec.ImageDataFormat.DecideFromData);
    }

    [Fact]
    public void FunctionalBranchingWithMerge_UnsupportedLayer()
    {
        var e = ReadError("import keras\nfrom keras import layers\ni = keras.Input((4,))\na = layers.Dense(2)(i)\nb = layers.Dense(2)(i)\nc = layers.Concatenate()([a, b])\n");

        Assert.Equal((6, 5), (e.Line, e.Column));
        Assert.Contains("unsupported layer 'Concatenate'", e.Message);
    }

    [Fact]
    public void PretrainedApplicationAndLoadModel_Unsupported()
    {
        var app = ReadError("from keras.applications import VGG16\nbase = VGG16(weights='imagenet')\n");
        Assert.Contains("pretrained application model 'VGG16' is not supported", app.Message);

        var load = ReadError("from keras.models import load_model\nm = load_model('m.h5')\n");
        Assert.Contains("load_model(...) is not supported", load.Message);
    }

    [Fact]
    public void ArrayShapes_ModelSizedFromData_Evaluates()
    {
        var options = new KerasScriptOptions
        {
            ArrayShapes = new Dictionary<string, int[]> { ["x_train"] = [60000, 28, 28], ["y"] = [60000, 10] },
        };

        var spec = Run(
            "from keras.datasets import mnist\n(x_train, y_train), _ = mnist.load_data()\n" +
            "x_train = x_train.reshape(x_train.shape[0], 28, 28, 1).astype('float32') / 255\n" +
            "m = Sequential([Conv2D(8, 3, input_shape=x_train.shape[1:]), Dense(y.shape[1])])\n" +
            "m.fit(x_train, y, batch_size=len(x_train) // 600)\n",
            options);

        Assert.Equal([28, 28, 1], spec.InputShape!.Select(d => d!.Value));
        Assert.Equal(KerasValue.Of(10), Units(spec, 1));
        Assert.Equal(100, spec.Fit!.BatchSize);
        Assert.Contains(spec.Warnings, w => w.Message == "'x_train' taken as an array of shape (60000, 28, 28) from the supplied array shapes");
        Assert.Contains(spec.Skipped, s => s.Line == 5 && s.Reason.StartsWith("data work on 'x_train'"));
    }

    [Fact]
    public void ArrayShapes_BadReshape_NamedUnknown()
    {
        var options = new KerasScriptOptions { ArrayShapes = new Dictionary<string, int[]> { ["X"] = [10, 4] } };

        var e = Assert.Throws<KerasImportException>(() => Run("Z = X.reshape(3, -1)\nm = Sequential([Dense(1, input_dim=Z.shape[1])])\n", options));

        Assert.Contains("cannot reshape an array of shape (10, 4) to (3, 13)", e.Message);
    }
}
