using Convergent.Keras.Export;
using Convergent.Keras.Tests.Support;

namespace Convergent.Keras.Tests.Export;

public class KerasCodeWriterTests
{
    [Fact]
    public void Write_Story1Keras1Script_CleanKeras3Code()
    {
        string code = KerasCodeWriter.Write(CorpusFiles.Read("story1_book_covers_lenet.py"));

        Assert.Equal(
            """
            import keras
            from keras import layers

            model = keras.Sequential(
                [
                    keras.Input(shape=(70, 52, 3)),
                    layers.Conv2D(32, (5, 5), padding="same"),
                    layers.Activation("relu"),
                    layers.MaxPooling2D((2, 2), strides=(2, 2)),
                    layers.Conv2D(64, (5, 5), padding="same"),
                    layers.Activation("relu"),
                    layers.MaxPooling2D((2, 2), strides=(2, 2)),
                    layers.Flatten(),
                    layers.Dense(512),
                    layers.Activation("relu"),
                    layers.Dense(2),
                    layers.Activation("softmax"),
                ]
            )

            model.compile(
                optimizer=keras.optimizers.Adam(),
                loss="categorical_crossentropy",
                metrics=["accuracy"],
            )

            model.fit(X_train, y_train, batch_size=500, epochs=70, verbose=1)

            """.ReplaceLineEndings("\n"),
            code);
    }

    [Fact]
    public void Write_Keras1Decay_BecomesInverseTimeDecayWithComment()
    {
        string code = KerasCodeWriter.Write(CorpusFiles.Read("story2_kernel_as_large_as_image.py"));

        Assert.Contains("# Keras 1/2 decay=1e-06 written as InverseTimeDecay (learning rate / (1 + decay * step))\n", code);
        Assert.Contains("optimizer=keras.optimizers.SGD(learning_rate=keras.optimizers.schedules.InverseTimeDecay(initial_learning_rate=0.01, decay_steps=1, decay_rate=1e-06), momentum=0.9, nesterov=True),\n", code);
    }

    [Fact]
    public void Write_ObjectsNameAndInputDetails_Keras3Modules()
    {
        var spec = new KerasModelSpec
        {
            SourceFile = "x.py",
            Name = "net",
            InputShape = [10],
            InputBatchSize = 32,
            Layers =
            [
                new LayerSpec("Dense", "hidden", KerasConfig.Of(
                    ("units", KerasValue.Of(4)),
                    ("kernel_regularizer", new KerasObjectSpec(KerasObjectKind.Regularizer, "L2", KerasConfig.Of(("l2", KerasValue.Of(0.01))))),
                    ("kernel_initializer", new KerasObjectSpec(KerasObjectKind.Initializer, "HeNormal", KerasConfig.Of(("seed", KerasValue.Of(1)))))),
                    null, new SourceRef("x.py", 1, 1, "")),
            ],
            Compile = new CompileSpec(new KerasObjectSpec(KerasObjectKind.Optimizer, "Adam", KerasConfig.Of(("learning_rate", KerasValue.Of(1e-3)))),
                "binary_crossentropy", true, KerasConfig.Empty, [KerasValue.Of("accuracy")], new SourceRef("x.py", 2, 1, "")),
        };

        string code = KerasCodeWriter.Write(spec);

        Assert.Contains("        keras.Input(shape=(10,), batch_size=32),\n", code);
        Assert.Contains("        layers.Dense(4, kernel_regularizer=keras.regularizers.L2(l2=0.01), kernel_initializer=keras.initializers.HeNormal(seed=1), name=\"hidden\"),\n", code);
        Assert.Contains("    ],\n    name=\"net\",\n)\n", code);
        Assert.Contains("    loss=keras.losses.BinaryCrossentropy(from_logits=True),\n", code);
        Assert.DoesNotContain("model.fit", code);
    }

    [Fact]
    public void Write_EveryCorpusScript_ReadsBackToTheSameModel()
    {
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.py"))
        {
            var original = KerasScriptReader.ReadFile(file);
            string code = KerasCodeWriter.Write(original);
            var again = KerasScriptReader.Read(code, "exported.py");

            Assert.Equal(original.Layers.Select(l => (l.ClassName, l.Name)), again.Layers.Select(l => (l.ClassName, l.Name)));
            for (int i = 0; i < original.Layers.Count; i++)
            {
                var expected = original.Layers[i].Config;
                foreach (var dropped in new[] { "renorm", "fused" })
                {
                    expected = expected.Without(dropped);
                }

                Assert.Equal(expected, again.Layers[i].Config);
            }

            Assert.Equal(original.InputShape, again.InputShape);
            Assert.Equal(original.ImageDataFormat.Format, again.ImageDataFormat.Format);
            Assert.Equal(original.Name, again.Name);
            Assert.Equal(original.Compile?.Optimizer?.ClassName, again.Compile?.Optimizer?.ClassName);
            Assert.Equal(original.Compile?.Loss, again.Compile?.Loss);
            Assert.Equal(original.Compile?.FromLogits, again.Compile?.FromLogits);
            Assert.Equal(original.Compile?.Metrics ?? [], again.Compile?.Metrics ?? []);
            Assert.Equal(original.Fit?.Epochs, again.Fit?.Epochs);
            Assert.Equal(original.Fit?.BatchSize, again.Fit?.BatchSize);
            Assert.Equal(original.Fit?.ValidationSplit, again.Fit?.ValidationSplit);
            Assert.Equal(original.Fit?.Callbacks.Select(c => c.ClassName) ?? [], again.Fit?.Callbacks.Select(c => c.ClassName) ?? []);
        }
    }

    [Fact]
    public void Write_FixedSpec_DiffAgainstExportIsTheFix()
    {
        var spec = CorpusFiles.Read("story2_kernel_as_large_as_image.py");
        var conv = spec.Layers[0];
        var fixedSpec = spec with
        {
            Layers = [conv with { Config = conv.Config.With("kernel_size", KerasValue.Tuple(5, 5)) }, .. spec.Layers.Skip(1)],
        };

        string diff = UnifiedDiff.Create("a/model.py", KerasCodeWriter.Write(spec), "b/model.py", KerasCodeWriter.Write(fixedSpec));

        Assert.Equal(
            "--- a/model.py\n+++ b/model.py\n@@ -4,7 +4,7 @@\n model = keras.Sequential(\n     [\n         keras.Input(shape=(1, 400, 400)),\n" +
            "-        layers.Conv2D(32, (400, 400), padding=\"valid\", kernel_initializer=\"he_normal\"),\n" +
            "+        layers.Conv2D(32, (5, 5), padding=\"valid\", kernel_initializer=\"he_normal\"),\n" +
            "         layers.Activation(\"relu\"),\n         layers.Flatten(),\n         layers.Dense(25),\n",
            diff);
    }
}
