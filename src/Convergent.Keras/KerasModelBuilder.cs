using Convergent.Keras.Building;
using Convergent.Nn;
using Convergent.Tensors;

namespace Convergent.Keras;

/// <summary>
/// The importer's back end: turns a <see cref="KerasModelSpec"/> (a script, JSON or model file as read) into an
/// engine model built for the right input shape and data format, compiled with the script's optimizer, loss and
/// metrics, and the fit settings with Keras's defaults filled in — each default, skipped statement and warning
/// recorded as an <see cref="ImportNote"/>.
/// </summary>
public static class KerasModelBuilder
{
    /// <summary>Builds the model of <paramref name="spec"/>.</summary>
    /// <param name="spec">The imported model.</param>
    /// <param name="dataFeatureShape">The shape of one sample of the training data (batch axis excluded), when
    /// known: it fills unknown dimensions and decides where the channels are when the script does not say.</param>
    /// <param name="options">Seed, Keras version override and checkpoint writer; null for the defaults.</param>
    /// <exception cref="KerasImportException">Something in the spec is not supported by the engine, or the data
    /// does not fit the model (the message names both shapes and the first layer).</exception>
    public static ImportedModel Build(KerasModelSpec spec, Shape? dataFeatureShape = null, KerasBuildOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        options ??= new KerasBuildOptions();
        if (spec.Layers.Count == 0)
        {
            throw new KerasImportException(spec.SourceFile, 0, 0, "", "the model has no layers");
        }

        var (generation, known, why) = ChooseGeneration(spec, options);
        var context = new BuildContext(generation, known) { ModelWriter = options.ModelWriter };
        CopySpecNotes(spec, context);
        context.Note(known ? ImportNoteKind.Defaulted : ImportNoteKind.Warning, $"defaults not given in the script are {why}");

        context.DType = spec.InputDType switch
        {
            null or "float32" => DType.Float32,
            "float64" => DType.Float64,
            _ => throw new KerasImportException(spec.SourceFile, spec.Layers[0].Source.Line, spec.Layers[0].Source.Column,
                spec.Layers[0].Source.Text, $"input dtype '{spec.InputDType}' is not supported", "the engine computes in float32 or float64",
                spec.Layers[0].Source.JsonPath),
        };

        var (inputShape, decision) = InputResolver.Resolve(spec, dataFeatureShape, generation, context);
        context.DataFormat = decision.Format ?? DataFormat.ChannelsLast;
        if (decision.Format is not null)
        {
            context.Note(ImportNoteKind.DataFormat, "image data format " + decision);
        }

        var model = BuildModel(spec, inputShape, context, options.Seed);
        var (optimizer, loss, metrics, optimizerOrigin) = Compile(spec, model, context);
        var training = Training(spec, model, context, optimizerOrigin);
        return new ImportedModel
        {
            Spec = spec,
            Model = model,
            InputShape = inputShape,
            Optimizer = optimizer,
            Loss = loss,
            Metrics = metrics,
            Training = training,
            DataFormat = decision,
            Generation = generation,
            Notes = context.Notes,
        };
    }

    private static (KerasGeneration Generation, bool Known, string Why) ChooseGeneration(KerasModelSpec spec, KerasBuildOptions options)
    {
        if (options.Generation is { } chosen)
        {
            return (chosen, true, $"{Name(chosen)}'s (chosen by the caller)");
        }

        if (spec.KerasVersion is { } version)
        {
            // Keras 2.4 and later are tf.keras, whose optimizer defaults are Keras 3's; standalone Keras up to 2.3
            // kept Keras 1's learning rates.
            var parts = version.Split('.');
            int major = parts.Length > 0 && int.TryParse(parts[0], out int a) ? a : 3;
            int minor = parts.Length > 1 && int.TryParse(parts[1], out int b) ? b : 0;
            var g = major <= 1 ? KerasGeneration.Keras1
                : major == 2 && minor < 4 ? KerasGeneration.Keras2
                : KerasGeneration.Keras3;
            return (g, true, $"{Name(g)}'s (keras_version {version})");
        }

        if (spec.UsesKeras1Spelling)
        {
            return (KerasGeneration.Keras1, true, "Keras 1's (the script uses Keras 1 spellings)");
        }

        return (KerasGeneration.Keras3, false,
            "Keras 3's (also tf.keras 2.x's); standalone Keras 2.x had other optimizer defaults (Adadelta 1.0, Adagrad 0.01, Adamax and Nadam 0.002)");
    }

    private static string Name(KerasGeneration g) => g switch
    {
        KerasGeneration.Keras1 => "Keras 1",
        KerasGeneration.Keras2 => "Keras 2",
        _ => "Keras 3",
    };

    private static void CopySpecNotes(KerasModelSpec spec, BuildContext context)
    {
        foreach (var s in spec.Skipped)
        {
            string text = s.Text.Length > 120 ? s.Text[..120] + "…" : s.Text;
            context.Note(ImportNoteKind.Skipped, $"{s.Reason}: {text.Split('\n')[0]}",
                new SourceRef(spec.SourceFile, s.Line, 1, s.Text) { EndLine = s.EndLine });
        }

        foreach (var w in spec.Warnings)
        {
            context.Note(ImportNoteKind.Warning, w.Message, w.Source);
        }
    }

    private static Sequential BuildModel(KerasModelSpec spec, Shape inputShape, BuildContext context, int seed)
    {
        var model = new Sequential(name: spec.Name, seed: seed);
        var shape = inputShape;
        foreach (var layerSpec in spec.Layers)
        {
            var layer = KerasRegistry.CreateLayer(layerSpec, context);
            try
            {
                model.Add(layer);
                shape = layer.ComputeOutputShape(shape);
            }
            catch (ArgumentException e)
            {
                // The engine names the layer and the shape ("… Received input shape: (None, 1, 1, 32)").
                throw new KerasImportException(layerSpec.Source.File, layerSpec.Source.Line, layerSpec.Source.Column,
                    layerSpec.Source.Text, $"{layerSpec.ClassName} '{layer.Name}' cannot take input of shape {Model.WithBatch(PreviousShape(model, inputShape))}: {e.Message}",
                    null, layerSpec.Source.JsonPath);
            }
        }

        model.Build(inputShape, context.DType);
        return model;
    }

    /// <summary>The input shape of the last layer added (the one that failed).</summary>
    private static Shape PreviousShape(Sequential model, Shape input)
    {
        var shape = input;
        for (int i = 0; i < model.Layers.Count - 1; i++)
        {
            shape = model.Layers[i].ComputeOutputShape(shape);
        }

        return shape;
    }

    private static (Optimizer?, Loss?, IReadOnlyList<Metric>, SettingOrigin) Compile(KerasModelSpec spec, Sequential model, BuildContext context)
    {
        var compile = spec.Compile;
        if (compile is null)
        {
            context.Note(ImportNoteKind.Warning, "the model is not compiled in the script: no optimizer, loss or metrics");
            return (null, null, [], SettingOrigin.KerasDefault);
        }

        foreach (var (key, value) in compile.Options)
        {
            bool harmless = key == "loss_weights" && value is KerasSequence { Count: 1 } s && s.Items[0].TryGetNumber(out double w) && w == 1.0;
            if (!harmless && value is not KerasNone)
            {
                throw new KerasImportException(compile.Source.File, compile.Source.Line, compile.Source.Column, compile.Source.Text,
                    $"compile argument '{key}'={value.ToPython()} is not supported by the engine", null, compile.Source.JsonPath);
            }
        }

        Optimizer optimizer;
        SettingOrigin origin;
        if (compile.Optimizer is { } optimizerSpec)
        {
            optimizer = KerasRegistry.CreateOptimizer(optimizerSpec, compile.Source, context);
            origin = SettingOrigin.Given;
        }
        else
        {
            // Keras's compile(optimizer="rmsprop") default
            optimizer = KerasRegistry.CreateOptimizer(new KerasObjectSpec(KerasObjectKind.Optimizer, "RMSprop", KerasConfig.Empty), compile.Source, context);
            origin = SettingOrigin.KerasDefault;
            context.Note(ImportNoteKind.Defaulted, "compile has no optimizer: Keras's default 'rmsprop' is used", compile.Source);
        }

        var metrics = compile.Metrics.Select(m => KerasRegistry.CreateMetric(m, compile.Source, context)).ToArray();
        if (compile.Loss is null)
        {
            context.Note(ImportNoteKind.Warning, "compile has no loss: the model cannot be trained until one is given", compile.Source);
            return (optimizer, null, metrics, origin);
        }

        var loss = KerasRegistry.CreateLoss(compile.Loss, compile.FromLogits, compile.LossConfig, compile.Source, context);
        model.Compile(optimizer, loss, metrics);
        return (optimizer, loss, metrics, origin);
    }

    private static TrainingSettings Training(KerasModelSpec spec, Sequential model, BuildContext context, SettingOrigin optimizerOrigin)
    {
        var fit = spec.Fit;
        var at = fit?.Source;
        if (fit is null)
        {
            context.Note(ImportNoteKind.Defaulted, "the script does not call fit: Keras's fit defaults are used (epochs 1, batch_size 32, shuffle)");
        }

        Setting<T> Pick<T>(T? given, T fallback, string name, string defaultText) where T : struct
        {
            if (given is { } g)
            {
                return Setting<T>.Given(g);
            }

            if (fit is not null)
            {
                context.Note(ImportNoteKind.Defaulted, $"{name} not given: Keras's default {defaultText} is used", at);
            }

            return Setting<T>.Default(fallback);
        }

        var epochs = Pick(fit?.Epochs, 1, "epochs", "1");
        var batchSize = fit?.UsesGenerator == true && fit.BatchSize is null
            ? Setting<int>.Default(32)
            : Pick(fit?.BatchSize, 32, "batch_size", "32");
        if (fit?.UsesGenerator == true)
        {
            context.Note(ImportNoteKind.Warning,
                $"the script trains from a generator ({fit.XSource ?? "a dataset"}): the batch size and augmentation are the generator's; give the data it yields",
                at);
        }

        var split = Pick(fit?.ValidationSplit, 0.0, "validation_split", "0.0");
        Setting<bool> shuffle;
        if (fit?.ShuffleMode == "batch")
        {
            shuffle = Setting<bool>.Given(true);
            context.Note(ImportNoteKind.Warning, "shuffle='batch' (HDF5 batch shuffling) is done as a full shuffle", at);
        }
        else
        {
            shuffle = Pick(fit?.Shuffle, true, "shuffle", "True");
        }

        var initialEpoch = fit?.InitialEpoch is { } ie ? Setting<int>.Given(ie) : Setting<int>.Default(0);
        var verbose = fit?.Verbose switch
        {
            KerasInt v when v.Value is >= 0 and <= 2 => Setting<int>.Given((int)v.Value),
            KerasString { Value: "auto" } => Setting<int>.Given(1),
            null => Setting<int>.Default(1),
            var other => throw new KerasImportException(at!.File, at.Line, at.Column, at.Text, $"fit argument 'verbose'={other.ToPython()} is not 0, 1, 2 or 'auto'", null, at.JsonPath),
        };

        var classWeight = ClassWeights(fit, context);
        foreach (var (name, text) in fit?.DataDependent ?? new Dictionary<string, string>())
        {
            context.Note(ImportNoteKind.Warning, $"fit argument {name}={text} is computed from the data; it is not applied until the data gives its value", at);
        }

        if (fit?.SampleWeightSource is { } sw)
        {
            context.Note(ImportNoteKind.Warning, $"sample_weight={sw} comes from the data; give the weights with the data", at);
        }

        if (fit?.ValidationFreq is > 1)
        {
            context.Note(ImportNoteKind.Warning, $"validation_freq={fit.ValidationFreq}: the engine validates every epoch", at);
        }

        var callbacks = new List<Callback>();
        var metricNames = model.Metrics.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var spec0 in fit?.Callbacks ?? [])
        {
            var callbackSpec = RenameMonitor(spec0, metricNames, context, at);
            if (KerasRegistry.CreateCallback(callbackSpec, at, context) is { } callback)
            {
                callbacks.Add(callback);
            }
        }

        return new TrainingSettings
        {
            Epochs = epochs,
            BatchSize = batchSize,
            ValidationSplit = split,
            Shuffle = shuffle,
            InitialEpoch = initialEpoch,
            Verbose = verbose,
            ClassWeight = classWeight,
            OptimizerOrigin = optimizerOrigin,
            Callbacks = callbacks,
            ValidationDataSource = fit?.ValidationDataSource,
            StepsPerEpoch = fit?.StepsPerEpoch,
            UsesGenerator = fit?.UsesGenerator ?? false,
        };
    }

    private static Setting<IReadOnlyDictionary<int, double>?> ClassWeights(FitSpec? fit, BuildContext context)
    {
        switch (fit?.ClassWeight)
        {
            case null or KerasNone:
                return Setting<IReadOnlyDictionary<int, double>?>.Default(null);
            case KerasString { Value: "auto" }:
                // Keras 1 accepted 'auto' and then weighed every class 1 (only dicts were applied).
                context.Note(ImportNoteKind.Warning, "class_weight='auto' (Keras 1) weighs every class 1, as Keras 1 did", fit.Source);
                return Setting<IReadOnlyDictionary<int, double>?>.Given(null);
            case KerasDict dict:
            {
                var weights = new Dictionary<int, double>();
                foreach (var (key, value) in dict.Entries)
                {
                    long? k = key is KerasInt i ? i.Value : key is KerasFloat f && f.Value == Math.Floor(f.Value) ? (long)f.Value : null;
                    if (k is not { } index || index is < 0 or > int.MaxValue || value is KerasBool || !value.TryGetNumber(out double w))
                    {
                        throw new KerasImportException(fit.Source.File, fit.Source.Line, fit.Source.Column, fit.Source.Text,
                            $"fit argument 'class_weight': expected class index → number, got {key.ToPython()}: {value.ToPython()}", null, fit.Source.JsonPath);
                    }

                    weights[(int)index] = w;
                }

                return Setting<IReadOnlyDictionary<int, double>?>.Given(weights);
            }

            default:
                throw new KerasImportException(fit.Source.File, fit.Source.Line, fit.Source.Column, fit.Source.Text,
                    $"fit argument 'class_weight'={fit.ClassWeight.ToPython()} is not a dict of class weights", null, fit.Source.JsonPath);
        }
    }

    /// <summary>Keras 2 logged the "accuracy" metric as <c>acc</c>; the engine logs it under the name compiled
    /// (<c>accuracy</c>), so a callback monitoring <c>val_acc</c> is pointed at <c>val_accuracy</c>.</summary>
    private static KerasObjectSpec RenameMonitor(KerasObjectSpec spec, HashSet<string> metricNames, BuildContext context, SourceRef? at)
    {
        if (spec.Config.GetValueOrNull("monitor") is not KerasString { Value: var monitor })
        {
            return spec;
        }

        string bare = monitor.StartsWith("val_", StringComparison.Ordinal) ? monitor[4..] : monitor;
        if (bare == "acc" && !metricNames.Contains("acc") && metricNames.Contains("accuracy"))
        {
            string renamed = monitor[..^3] + "accuracy";
            context.Note(ImportNoteKind.Warning,
                $"{spec.ClassName} monitors '{monitor}' (Keras 2's log name for accuracy); the engine logs it as '{renamed}'", at);
            return spec with { Config = spec.Config.With("monitor", new KerasString(renamed)) };
        }

        return spec;
    }
}
