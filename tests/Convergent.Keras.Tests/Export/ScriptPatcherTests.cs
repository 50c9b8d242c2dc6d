using Convergent.Keras.Export;

namespace Convergent.Keras.Tests.Export;

/// <summary>
/// Every fix <see cref="KerasFixApplier"/> writes, patched into real-looking scripts of each Keras generation and both
/// Sequential styles, and into the user stories' scripts: the exact changed lines of the unified diff, and the patched
/// script imported again giving exactly the fixed model.
/// </summary>
public class ScriptPatcherTests
{
    /// <summary>Keras 2 standalone, model.add style.</summary>
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

    /// <summary>Keras 3, Sequential([...]) style, one layer per line.</summary>
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

    /// <summary>Keras 3, a one-line list with keras.Input first.</summary>
    private const string Binary = """
        import keras
        from keras import layers
        model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(8, activation='relu'), layers.Dense(1), layers.Activation('sigmoid')])
        model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001), loss='binary_crossentropy', metrics=['accuracy'])

        """;

    private static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Convergent.slnx")))
        {
            dir = dir.Parent;
        }

        return File.ReadAllText(Path.Combine(dir!.FullName, relative));
    }

    private sealed record Patched(string Text, string Changes, KerasFixResult Fix, ScriptPatch Patch);

    /// <summary>Applies the fix, patches the script, checks the patched script imports to the fixed model, and returns
    /// the diff's hunk headers and changed lines.</summary>
    private static Patched Fix(string source, string action, Dictionary<string, double>? evidence = null, string? keras = null)
    {
        var spec = KerasScriptReader.Read(source, "model.py");
        var fix = KerasFixApplier.Apply(action, evidence, spec, keras, out string reason);
        Assert.True(fix is not null, reason);
        var patch = ScriptPatcher.Patch(source, "model.py", fix.Spec);
        Assert.True(patch.Succeeded, patch.Reason);
        Assert.Null(SpecEquivalence.Difference(fix.Spec, KerasScriptReader.Read(patch.Text!, "model.py")));
        string diff = UnifiedDiff.Create("a/model.py", source, "b/model.py", patch.Text!);
        return new Patched(patch.Text!, Changes(diff), fix, patch);
    }

    /// <summary>The hunk headers and the removed/added lines of a unified diff (context lines left out).</summary>
    private static string Changes(string diff) =>
        string.Join("\n", diff.Split('\n').Where(l => l.StartsWith("@@", StringComparison.Ordinal) ||
                                                      (l.StartsWith('-') || l.StartsWith('+')) && !l.StartsWith("---", StringComparison.Ordinal) && !l.StartsWith("+++", StringComparison.Ordinal)));

    // ---- learning rate ----------------------------------------------------------------------------------------

    [Fact]
    public void LowerLearningRate_Keras2InlineOptimizer_ChangesLrInPlace()
    {
        var p = Fix(Mlp, "lower_learning_rate");

        Assert.Equal("""
            @@ -4,5 +4,5 @@
            -model.compile(loss='categorical_crossentropy', optimizer=SGD(lr=0.01, momentum=0.9), metrics=['accuracy'])
            +model.compile(loss='categorical_crossentropy', optimizer=SGD(lr=0.001, momentum=0.9), metrics=['accuracy'])
            """, p.Changes);
        Assert.Empty(p.Patch.Notes);
    }

    [Fact]
    public void RaiseLearningRate_Story4OptimizerInAVariable_EditsTheAssignment()
    {
        string source = RepoFile("examples/04-general-checklist/model.py");

        var p = Fix(source, "raise_learning_rate");

        Assert.Equal("""
            @@ -10,6 +10,6 @@
            -opt = optimizers.SGD(lr=1e-5, momentum=0.9)
            +opt = optimizers.SGD(lr=3e-05, momentum=0.9)
            """, p.Changes);
        Assert.Equal(["opt is set on line 13: changed there"], p.Patch.Notes);
    }

    [Fact]
    public void LowerLearningRate_Keras3OptimizerString_BecomesAnObjectThroughTheKerasModule()
    {
        var p = Fix(Cnn, "lower_learning_rate");

        Assert.Equal("""
            @@ -6,5 +6,5 @@
            -model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
            +model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.0001), loss='sparse_categorical_crossentropy', metrics=['accuracy'])
            """, p.Changes);
        // a Keras 3 script: learning_rate is its only spelling, nothing to note
        Assert.Empty(p.Patch.Notes);
    }

    [Fact]
    public void LowerLearningRate_Keras1DefaultOptimizer_AddsLrInKeras1Spelling()
    {
        // story 1's Adam() gets Keras 1's keyword, lr
        var p = Fix(RepoFile("examples/01-book-covers/model.py"), "lower_learning_rate");

        Assert.Equal("""
            @@ -43,7 +43,7 @@
            -model.compile(loss="categorical_crossentropy", optimizer=Adam(), metrics=["accuracy"])
            +model.compile(loss="categorical_crossentropy", optimizer=Adam(lr=0.0001), metrics=["accuracy"])
            """, p.Changes);
    }

    [Fact]
    public void LowerLearningRate_Story3Keras2DefaultAdam_Keras3KeywordWithANoteOnOlderKeras2()
    {
        var p = Fix(RepoFile("examples/03-cifar-overfitting/model.py"), "lower_learning_rate");

        Assert.Equal("""
            @@ -35,7 +35,7 @@
            -model.compile(loss='categorical_crossentropy', optimizer=Adam(), metrics=['accuracy'])
            +model.compile(loss='categorical_crossentropy', optimizer=Adam(learning_rate=0.0001), metrics=['accuracy'])
            """, p.Changes);
        Assert.Equal(["learning_rate= is the name since Keras 2.3 (and in Keras 3); on Keras 2.0–2.2 write lr= instead"], p.Patch.Notes);
    }

    [Fact]
    public void LowerLearningRate_LearningRateInAVariableUsedOnce_ChangedWhereAssigned()
    {
        const string source = """
            import tensorflow as tf
            learning_rate = 0.5
            model = tf.keras.Sequential([
                tf.keras.layers.Dense(10, activation='relu', input_shape=(4,)),
                tf.keras.layers.Dense(1),
            ])
            model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=learning_rate), loss='mse')

            """;

        var p = Fix(source, "lower_learning_rate");

        Assert.Equal("""
            @@ -1,5 +1,5 @@
            -learning_rate = 0.5
            +learning_rate = 0.05
            """, p.Changes);
        Assert.Equal(["learning_rate is set on line 2: changed there"], p.Patch.Notes);
    }

    [Fact]
    public void LowerLearningRate_Schedule_InitialRateOfTheScheduleChanged()
    {
        const string source = """
            import keras
            schedule = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=1000, decay_rate=0.9)
            model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
            model.compile(optimizer=keras.optimizers.SGD(learning_rate=schedule), loss="mse")

            """;

        var p = Fix(source, "lower_learning_rate");

        Assert.Equal("""
            @@ -1,4 +1,4 @@
            -schedule = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=1000, decay_rate=0.9)
            +schedule = keras.optimizers.schedules.ExponentialDecay(0.01, decay_steps=1000, decay_rate=0.9)
            """, p.Changes);
    }

    // ---- inputs -----------------------------------------------------------------------------------------------

    [Fact]
    public void NormalizeInputs_Keras3List_RescalingFirstTakingTheInputShape()
    {
        var p = Fix(Cnn, "normalize_inputs", new() { ["min"] = 0, ["max"] = 255 });

        Assert.Equal("""
            @@ -1,7 +1,8 @@
            -    layers.Conv2D(8, 3, activation='relu', input_shape=(28, 28, 1)),
            +    layers.Rescaling(1.0 / 255, input_shape=(28, 28, 1)),
            +    layers.Conv2D(8, 3, activation='relu'),
            """, p.Changes);
    }

    [Fact]
    public void RescalingLayer_KerasInputInAOneLineList_InsertedAfterTheInput()
    {
        const string source = """
            import keras
            from keras import layers
            model = keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Conv2D(4, 3), layers.Flatten(), layers.Dense(10)])
            model.compile(optimizer="adam", loss="mse")

            """;

        var p = Fix(source, "rescaling_layer");

        Assert.Equal("""
            @@ -1,4 +1,4 @@
            -model = keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Conv2D(4, 3), layers.Flatten(), layers.Dense(10)])
            +model = keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Rescaling(1.0 / 255), layers.Conv2D(4, 3), layers.Flatten(), layers.Dense(10)])
            """, p.Changes);
    }

    [Fact]
    public void NormalizeInputs_Story1Keras1AddStyle_NewLineNewImportAndAKeras1Note()
    {
        var p = Fix(RepoFile("examples/01-book-covers/model.py"), "normalize_inputs", new() { ["min"] = 0, ["max"] = 255 });

        Assert.Equal("""
            @@ -11,6 +11,7 @@
            +from keras.layers import Rescaling
            @@ -28,7 +29,8 @@
            -model.add(Convolution2D(32, 5, 5, border_mode="same", input_shape=(IMG_ROWS, IMG_COLS, 3)))
            +model.add(Rescaling(1.0 / 255, input_shape=(IMG_ROWS, IMG_COLS, 3)))
            +model.add(Convolution2D(32, 5, 5, border_mode="same"))
            """, p.Changes);
        Assert.Equal(["Rescaling does not exist in Keras 1: the patched script needs Keras 2.6 or later (or tf.keras)"], p.Patch.Notes);
    }

    [Fact]
    public void DataAugmentation_Keras3List_ThreeElementsFirst()
    {
        var p = Fix(Cnn, "data_augmentation");

        Assert.Equal("""
            @@ -1,7 +1,10 @@
            -    layers.Conv2D(8, 3, activation='relu', input_shape=(28, 28, 1)),
            +    layers.RandomFlip('horizontal', input_shape=(28, 28, 1)),
            +    layers.RandomTranslation(0.1, 0.1),
            +    layers.RandomZoom(0.1),
            +    layers.Conv2D(8, 3, activation='relu'),
            """, p.Changes);
    }

    [Fact]
    public void DataAugmentation_Story3FirstLayerInALoop_AddedAfterSequentialAndImported()
    {
        var p = Fix(RepoFile("examples/03-cifar-overfitting/model.py"), "data_augmentation");

        Assert.Equal("""
            @@ -2,7 +2,7 @@
            -from keras.layers import Dense, Dropout, Flatten
            +from keras.layers import Dense, Dropout, Flatten, RandomFlip, RandomTranslation, RandomZoom
            @@ -19,9 +19,12 @@
            +model.add(RandomFlip('horizontal', input_shape=(32, 32, 3)))
            +model.add(RandomTranslation(0.1, 0.1))
            +model.add(RandomZoom(0.1))
            -        model.add(Conv2D(filters, (3, 3), input_shape=(32, 32, 3), padding='same', activation='relu'))
            +        model.add(Conv2D(filters, (3, 3), padding='same', activation='relu'))
            """, p.Changes);
    }

    // ---- training ---------------------------------------------------------------------------------------------

    [Fact]
    public void EarlyStopping_NoCallbacks_KeywordAddedAndImported()
    {
        var p = Fix(Mlp, "early_stopping");

        Assert.Equal("""
            @@ -1,8 +1,9 @@
            +from keras.callbacks import EarlyStopping
            -model.fit(x, y, epochs=10, batch_size=32, validation_split=0.2)
            +model.fit(x, y, epochs=10, batch_size=32, validation_split=0.2, callbacks=[EarlyStopping(monitor='val_loss', patience=5, restore_best_weights=True)])
            """, p.Changes);
    }

    [Fact]
    public void EarlyStopping_CallbacksListInAVariable_AppendedToTheAssignment()
    {
        const string source = """
            from tensorflow import keras
            from tensorflow.keras import layers, callbacks
            model = keras.Sequential()
            model.add(layers.Dense(8, activation="relu", input_shape=(4,)))
            model.add(layers.Dense(1))
            model.compile(optimizer="adam", loss="mse")
            my_callbacks = [
                callbacks.ModelCheckpoint("best.keras", save_best_only=True),
            ]
            model.fit(x, y, validation_split=0.1, epochs=30, callbacks=my_callbacks)

            """;

        var p = Fix(source, "early_stopping");

        Assert.Equal("""
            @@ -6,5 +6,6 @@
            +    callbacks.EarlyStopping(monitor="val_loss", patience=5, restore_best_weights=True),
            """, p.Changes);
        Assert.Equal(["my_callbacks is set on line 7: changed there"], p.Patch.Notes);
    }

    [Fact]
    public void EarlyStopping_Story2MultiLineFit_AppendedAfterTheLastArgument()
    {
        var p = Fix(RepoFile("examples/02-kernel-as-large-as-image/model.py"), "early_stopping");

        Assert.Equal("""
            @@ -7,6 +7,7 @@
            +from keras.callbacks import EarlyStopping
            @@ -27,4 +28,4 @@
            -          validation_data=(X_train, Y_train))
            +          validation_data=(X_train, Y_train), callbacks=[EarlyStopping(monitor='val_loss', patience=5, restore_best_weights=True)])
            """, p.Changes);
        Assert.Equal(["EarlyStopping(restore_best_weights=...) does not exist in Keras 1: the patched script needs Keras 2.2.3 or later (or tf.keras)"],
            p.Patch.Notes);
    }

    // ---- output layer -----------------------------------------------------------------------------------------

    [Fact]
    public void OutputUnits_Story1ClassCountVariable_ChangedWhereAssigned()
    {
        var p = Fix(RepoFile("examples/01-book-covers/model.py"), "set_output_units", new() { ["classes"] = 3 });

        Assert.Equal("""
            @@ -13,7 +13,7 @@
            -NB_CLASSES = 2
            +NB_CLASSES = 3
            """, p.Changes);
        Assert.Equal(["NB_CLASSES is set on line 16: changed there"], p.Patch.Notes);
    }

    [Fact]
    public void OutputUnits_BinarySuggestion_UnitsActivationAndLossInPlace()
    {
        var p = Fix(Mlp, "set_output_units", keras: "layers.Dense(1, activation=\"sigmoid\")");

        Assert.Equal("""
            @@ -3,6 +3,6 @@
            -model.add(Dense(3, activation='softmax'))
            -model.compile(loss='categorical_crossentropy', optimizer=SGD(lr=0.01, momentum=0.9), metrics=['accuracy'])
            +model.add(Dense(1, activation='sigmoid'))
            +model.compile(loss='binary_crossentropy', optimizer=SGD(lr=0.01, momentum=0.9), metrics=['accuracy'])
            """, p.Changes);
    }

    [Fact]
    public void FixOutputUnits_TrailingSoftmaxLayer_ReplacedByAnActivationLayer()
    {
        const string source = """
            import keras
            model = keras.Sequential([
                keras.Input(shape=(4,)),
                keras.layers.Dense(3),
                keras.layers.Softmax(),
            ])
            model.compile(optimizer="adam", loss="categorical_crossentropy")

            """;

        var p = Fix(source, "fix_output_units", keras: "keras.layers.Dense(1, activation=\"sigmoid\")");

        Assert.Equal("""
            @@ -1,7 +1,7 @@
            -    keras.layers.Dense(3),
            -    keras.layers.Softmax(),
            +    keras.layers.Dense(1),
            +    keras.layers.Activation("sigmoid"),
            -model.compile(optimizer="adam", loss="categorical_crossentropy")
            +model.compile(optimizer="adam", loss="binary_crossentropy")
            """, p.Changes);
    }

    [Fact]
    public void LogitsOutput_Story1Keras1_SoftmaxLineRemovedAndLossObject()
    {
        var p = Fix(RepoFile("examples/01-book-covers/model.py"), "logits_output");

        Assert.Equal("""
            @@ -11,6 +11,7 @@
            +from keras.losses import CategoricalCrossentropy
            @@ -41,9 +42,8 @@
            -model.add(Activation("softmax"))
            -model.compile(loss="categorical_crossentropy", optimizer=Adam(), metrics=["accuracy"])
            +model.compile(loss=CategoricalCrossentropy(from_logits=True), optimizer=Adam(), metrics=["accuracy"])
            """, p.Changes);
        Assert.Contains("CategoricalCrossentropy does not exist in Keras 1: the patched script needs Keras 2.3 or later (or tf.keras)", p.Patch.Notes);
    }

    [Fact]
    public void LogitsOutput_Keras3OneLineList_ElementRemovedLossAndMetricObjects()
    {
        var p = Fix(Binary, "logits_output");

        Assert.Equal("""
            @@ -1,4 +1,4 @@
            -model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(8, activation='relu'), layers.Dense(1), layers.Activation('sigmoid')])
            -model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001), loss='binary_crossentropy', metrics=['accuracy'])
            +model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(8, activation='relu'), layers.Dense(1)])
            +model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001), loss=keras.losses.BinaryCrossentropy(from_logits=True), metrics=[keras.metrics.BinaryAccuracy(threshold=0.0)])
            """, p.Changes);
    }

    [Fact]
    public void LogitsOutput_Story5_DenseActivationArgumentRemoved()
    {
        var p = Fix(RepoFile("examples/05-two-curves/model.py"), "logits_output");

        Assert.Equal("""
            @@ -5,6 +5,7 @@
            +from keras.losses import CategoricalCrossentropy
            @@ -17,8 +18,8 @@
            -model.add(Dense(2, activation='softmax'))
            -model.compile(loss='categorical_crossentropy', optimizer=SGD(), metrics=['accuracy'])
            +model.add(Dense(2))
            +model.compile(loss=CategoricalCrossentropy(from_logits=True), optimizer=SGD(), metrics=['accuracy'])
            """, p.Changes);
    }

    // ---- regularization ---------------------------------------------------------------------------------------

    [Fact]
    public void MoreDropout_Keras3_RateRaisedInPlace()
    {
        var p = Fix(Cnn, "more_dropout");

        Assert.Equal("""
            @@ -3,7 +3,7 @@
            -    layers.Dropout(0.25),
            +    layers.Dropout(0.5),
            """, p.Changes);
    }

    [Fact]
    public void MoreDropout_Story3DropoutInALoop_OneEditRaisesAllThree()
    {
        var p = Fix(RepoFile("examples/03-cifar-overfitting/model.py"), "more_dropout");

        Assert.Equal("""
            @@ -26,7 +26,7 @@
            -    model.add(Dropout(0.2))
            +    model.add(Dropout(0.5))
            """, p.Changes);
        Assert.Equal("raised the rate of 3 Dropout layer(s) to 0.5", p.Fix.Description);
    }

    [Fact]
    public void MoreDropout_Keras2AddStyle_NewLineBeforeTheOutputAndNameAddedToTheImport()
    {
        var p = Fix(Mlp, "more_dropout");

        Assert.Equal("""
            @@ -1,8 +1,9 @@
            -from keras.layers import Dense
            +from keras.layers import Dense, Dropout
            +model.add(Dropout(0.5))
            """, p.Changes);
    }

    // ---- honest fallbacks -------------------------------------------------------------------------------------

    [Fact]
    public void LayerMadeInAVariable_NoPatchAndTheReasonNamesTheLine()
    {
        const string source = """
            from keras.models import Sequential
            from keras.layers import Conv2D, Flatten, Dense
            first = Conv2D(8, (3, 3), input_shape=(28, 28, 1))
            model = Sequential()
            model.add(first)
            model.add(Flatten())
            model.add(Dense(10, activation='softmax'))
            model.compile(optimizer='adam', loss='categorical_crossentropy')

            """;
        var fix = KerasFixApplier.Apply("normalize_inputs", null, KerasScriptReader.Read(source, "model.py"))!;

        var patch = ScriptPatcher.Patch(source, "model.py", fix.Spec);

        Assert.False(patch.Succeeded);
        Assert.Null(patch.Text);
        Assert.Equal("Conv2D at model.py:3:9 is not created in model.add(...) or a Sequential([...]) list; add Rescaling by hand", patch.Reason);
    }

    [Fact]
    public void FixThatTheScriptCannotExpress_ReimportCheckRefuses()
    {
        // a layer made in a loop that a fix would change for one iteration only
        const string source = """
            from keras.models import Sequential
            from keras.layers import Dense
            model = Sequential()
            model.add(Dense(8, activation='relu', input_dim=4))
            for units in [16, 16]:
                model.add(Dense(units, activation='relu'))
            model.compile(optimizer='sgd', loss='mse')

            """;
        var spec = KerasScriptReader.Read(source, "model.py");
        var layers = spec.Layers.ToList();
        layers[2] = layers[2] with { Config = layers[2].Config.With("units", KerasValue.Of(4)) };

        var patch = ScriptPatcher.Patch(source, "model.py", spec with { Layers = layers });

        Assert.False(patch.Succeeded);
        Assert.StartsWith("the edited script would not import to the fixed model: layer 2 is Dense(units=4", patch.Reason);
    }

    [Fact]
    public void CompileAndFitArgumentsInVariables_EditedWhereAssigned()
    {
        const string source = """
            from keras.models import Sequential
            from keras.layers import Dense
            EPOCHS = 100
            BATCH = 32
            model = Sequential([Dense(1, input_shape=(3,))])
            model.compile(optimizer='sgd', loss='mse')
            model.fit(x, y, epochs=EPOCHS, batch_size=BATCH)

            """;
        var spec = KerasScriptReader.Read(source, "model.py");
        var target = spec with { Fit = spec.Fit! with { Epochs = 20, Shuffle = false } };

        var patch = ScriptPatcher.Patch(source, "model.py", target);

        Assert.True(patch.Succeeded, patch.Reason);
        Assert.Equal("""
            @@ -1,7 +1,7 @@
            -EPOCHS = 100
            +EPOCHS = 20
            -model.fit(x, y, epochs=EPOCHS, batch_size=BATCH)
            +model.fit(x, y, epochs=EPOCHS, batch_size=BATCH, shuffle=False)
            """, Changes(UnifiedDiff.Create("a", source, "b", patch.Text!)));
    }

    [Fact]
    public void LayersMadeInALoop_SameNewArgumentForEach_WrittenOnceInTheLoop()
    {
        const string source = """
            from keras.models import Sequential
            from keras.layers import Dense
            model = Sequential()
            model.add(Dense(8, input_dim=4))
            for _ in range(2):
                model.add(Dense(8))
            model.compile(optimizer='sgd', loss='mse')

            """;
        var spec = KerasScriptReader.Read(source, "model.py");
        var layers = spec.Layers.Select((l, i) => i == 0 ? l : l with { Config = l.Config.With("activation", KerasValue.Of("relu")) }).ToList();

        var patch = ScriptPatcher.Patch(source, "model.py", spec with { Layers = layers });

        Assert.True(patch.Succeeded, patch.Reason);
        Assert.Equal("""
            @@ -3,5 +3,5 @@
            -    model.add(Dense(8))
            +    model.add(Dense(8, activation='relu'))
            """, Changes(UnifiedDiff.Create("a", source, "b", patch.Text!)));
    }
}
