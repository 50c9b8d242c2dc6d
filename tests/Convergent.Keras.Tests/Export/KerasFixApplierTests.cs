using Convergent.Keras.Export;

namespace Convergent.Keras.Tests.Export;

public class KerasFixApplierTests
{
    private const string Mlp = """
        from keras.models import Sequential
        from keras.layers import Dense
        from keras.optimizers import SGD
        model = Sequential()
        model.add(Dense(16, activation='relu', input_dim=4))
        model.add(Dense(3, activation='softmax'))
        model.compile(loss='categorical_crossentropy', optimizer=SGD(lr=0.01, momentum=0.9), metrics=['accuracy'])
        model.fit(x, y, epochs=10, batch_size=32, validation_split=0.2)
        """;

    private const string Cnn = """
        import keras
        from keras import layers
        model = keras.Sequential([
            layers.Conv2D(8, 3, activation='relu', input_shape=(28, 28, 1)),
            layers.Flatten(),
            layers.Dropout(0.25),
            layers.Dense(10, activation='softmax'),
        ])
        model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
        model.fit(x_train, y_train, epochs=5)
        """;

    private const string Binary = """
        import keras
        from keras import layers
        model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(8, activation='relu'), layers.Dense(1), layers.Activation('sigmoid')])
        model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001), loss='binary_crossentropy', metrics=['accuracy'])
        """;

    private static KerasModelSpec Read(string source) => KerasScriptReader.Read(source, "model.py");

    private static KerasFixResult Applied(string action, string source, string? keras = null, Dictionary<string, double>? evidence = null)
    {
        var result = KerasFixApplier.Apply(action, evidence, Read(source), keras, out string reason);
        Assert.True(result is not null, reason);
        return result;
    }

    private static string Export(KerasFixResult r) => KerasCodeWriter.Write(r.Spec);

    [Fact]
    public void LowerLearningRate_DividesTheGivenRateByTen()
    {
        var r = Applied("lower_learning_rate", Mlp);

        Assert.Equal(KerasValue.Of(0.001), r.Spec.Compile!.Optimizer!.Config["learning_rate"]);
        Assert.Equal(KerasValue.Of(0.9), r.Spec.Compile.Optimizer.Config["momentum"]);
        Assert.Contains("optimizer=keras.optimizers.SGD(learning_rate=0.001, momentum=0.9)", Export(r));
        Assert.Equal("lowered the learning rate of SGD from 0.01 to 0.001", r.Description);
    }

    [Fact]
    public void LowerLearningRate_TakesTheRateTheFixSuggests()
    {
        var r = Applied("lower_learning_rate", Mlp, "optimizer=keras.optimizers.SGD(learning_rate=3e-3)");

        Assert.Equal(KerasValue.Of(0.003), r.Spec.Compile!.Optimizer!.Config["learning_rate"]);
    }

    [Fact]
    public void LowerLearningRate_OptimizerGivenAsString_GetsAnObjectWithTheDefaultRateOverTen()
    {
        var r = Applied("lower_learning_rate", Cnn);

        Assert.Equal(KerasValue.Of(0.0001), r.Spec.Compile!.Optimizer!.Config["learning_rate"]);
        Assert.Contains("optimizer=keras.optimizers.Adam(learning_rate=0.0001)", Export(r));
        Assert.Contains("(Keras default)", r.Description);
    }

    [Fact]
    public void RaiseLearningRate_ThreeTimesByDefault_OrTheSnippetsRate()
    {
        var three = Applied("raise_learning_rate", Mlp);
        Assert.Equal(KerasValue.Of(0.03), three.Spec.Compile!.Optimizer!.Config["learning_rate"]);
        Assert.Contains("keras.optimizers.SGD(learning_rate=0.03, momentum=0.9)", Export(three));

        var ten = Applied("raise_learning_rate", Mlp, "optimizer=keras.optimizers.SGD(learning_rate=0.1)");
        Assert.Equal(KerasValue.Of(0.1), ten.Spec.Compile!.Optimizer!.Config["learning_rate"]);
    }

    [Fact]
    public void NormalizeInputs_ImageModel_RescalingFirstCarryingTheInputShape()
    {
        var r = Applied("normalize_inputs", Cnn, evidence: new() { ["min"] = 0, ["max"] = 255 });

        var first = r.Spec.Layers[0];
        Assert.Equal("Rescaling", first.ClassName);
        Assert.Equal(KerasValue.Of(1.0 / 255), first.Config["scale"]);
        Assert.Equal([28, 28, 1], first.InputShape!);
        Assert.Null(r.Spec.Layers[1].InputShape);
        Assert.Equal("Conv2D", r.Spec.Layers[1].ClassName);
        string code = Export(r);
        Assert.Contains("        keras.Input(shape=(28, 28, 1)),\n        layers.Rescaling(0.00392156862745098),\n        layers.Conv2D(", code);
        // the exported script reads back
        Assert.Equal("Rescaling", KerasScriptReader.Read(code, "fixed.py").Layers[0].ClassName);
    }

    [Fact]
    public void NormalizeInputs_TabularOrAlreadyScaled_IsNotAModelChange()
    {
        Assert.Null(KerasFixApplier.Apply("normalize_inputs", null, Read(Mlp), null, out string reason));
        Assert.Contains("not images", reason);
        Assert.Null(KerasFixApplier.Apply("normalize_inputs", new Dictionary<string, double> { ["max"] = 1.0 }, Read(Cnn)));
    }

    [Fact]
    public void EarlyStopping_AddedToFitCallbacks()
    {
        var r = Applied("early_stopping", Mlp);

        var cb = Assert.Single(r.Spec.Fit!.Callbacks);
        Assert.Equal("EarlyStopping", cb.ClassName);
        Assert.Equal(KerasValue.Of(5), cb.Config["patience"]);
        Assert.Contains("callbacks=[keras.callbacks.EarlyStopping(monitor=\"val_loss\", patience=5, restore_best_weights=True)]", Export(r));
        // no validation data: val_loss cannot be watched
        Assert.Null(KerasFixApplier.Apply("early_stopping", null, Read(Cnn)));
    }

    [Fact]
    public void OutputUnits_FromTheSnippet_OrTheEvidence()
    {
        var snippet = Applied("set_output_units", Mlp, "layers.Dense(5, activation=\"softmax\")");
        Assert.Equal(KerasValue.Of(5), snippet.Spec.Layers[^1].Config["units"]);
        Assert.Contains("layers.Dense(5, activation=\"softmax\")", Export(snippet));
        Assert.Equal("set the units of the last Dense layer from 3 to 5", snippet.Description);

        var evidence = Applied("set_output_units", Cnn, evidence: new() { ["units"] = 10, ["classes"] = 4, ["target_width"] = 1 });
        Assert.Equal(KerasValue.Of(4), evidence.Spec.Layers[^1].Config["units"]);
    }

    [Fact]
    public void OutputUnits_BinarySuggestion_SwitchesToSigmoidAndBinaryLoss()
    {
        var r = Applied("set_output_units", Mlp, "layers.Dense(1, activation=\"sigmoid\")");

        Assert.Equal(KerasValue.Of("sigmoid"), r.Spec.Layers[^1].Config["activation"]);
        Assert.Equal("binary_crossentropy", r.Spec.Compile!.Loss);
    }

    [Fact]
    public void LogitsOutput_DropsSoftmaxAndSetsFromLogits()
    {
        var r = Applied("logits_output", Mlp);

        Assert.False(r.Spec.Layers[^1].Config.ContainsKey("activation"));
        Assert.True(r.Spec.Compile!.FromLogits);
        string code = Export(r);
        Assert.Contains("        layers.Dense(3),\n", code);
        Assert.Contains("loss=keras.losses.CategoricalCrossentropy(from_logits=True)", code);
    }

    [Fact]
    public void LogitsOutput_TrailingSigmoidLayer_RemovedAndAccuracyThresholdedAtZero()
    {
        var r = Applied("logits_output", Binary);

        Assert.Equal(["Dense", "Dense"], r.Spec.Layers.Select(l => l.ClassName));
        Assert.Contains("keras.losses.BinaryCrossentropy(from_logits=True)", Export(r));
        Assert.Contains("keras.metrics.BinaryAccuracy(threshold=0.0)", Export(r));
    }

    [Fact]
    public void MoreDropout_RaisesExistingRates_OrAddsOneBeforeTheOutput()
    {
        var raised = Applied("more_dropout", Cnn);
        Assert.Equal(KerasValue.Of(0.5), raised.Spec.Layers[2].Config["rate"]);
        Assert.Contains("layers.Dropout(0.5)", Export(raised));

        var added = Applied("more_dropout", Mlp);
        Assert.Equal(["Dense", "Dropout", "Dense"], added.Spec.Layers.Select(l => l.ClassName));
    }

    [Fact]
    public void DataAugmentation_ImageModel_LayersFirst()
    {
        var r = Applied("data_augmentation", Cnn);

        Assert.Equal(["RandomFlip", "RandomTranslation", "RandomZoom", "Conv2D"], r.Spec.Layers.Take(4).Select(l => l.ClassName));
        Assert.Contains("layers.RandomFlip(\"horizontal\"),\n        layers.RandomTranslation(0.1, 0.1),\n        layers.RandomZoom(0.1),", Export(r));
        Assert.Null(KerasFixApplier.Apply("data_augmentation", null, Read(Mlp)));
    }

    [Theory]
    [InlineData("fix_root_cause")]
    [InlineData("more_data")]
    [InlineData("check_labels")]
    [InlineData("small_kernels")]
    [InlineData("batch_normalization")]
    public void NotAModelChange_NullWithAReason(string action)
    {
        Assert.Null(KerasFixApplier.Apply(action, null, Read(Mlp), null, out string reason));
        Assert.NotEmpty(reason);
    }

    [Fact]
    public void Diff_OfTheFix_IsOneHunk()
    {
        var original = Read(Mlp);
        var r = KerasFixApplier.Apply("lower_learning_rate", null, original)!;
        string diff = UnifiedDiff.Create("a/model.py", KerasCodeWriter.Write(original), "b/model.py", KerasCodeWriter.Write(r.Spec));

        Assert.Single(diff.Split('\n'), l => l.StartsWith("@@", StringComparison.Ordinal));
        Assert.Contains("+    optimizer=keras.optimizers.SGD(learning_rate=0.001, momentum=0.9),", diff);
    }
}
