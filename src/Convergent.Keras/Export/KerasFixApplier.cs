using System.Globalization;
using System.Text.RegularExpressions;

namespace Convergent.Keras.Export;

/// <summary>A fix written into a model: the changed spec and one line saying what changed.</summary>
/// <param name="Spec">The spec with the change (the input spec is not modified).</param>
/// <param name="Description">One line, e.g. <c>learning rate of SGD 0.01 → 0.001</c>.</param>
public sealed record KerasFixResult(KerasModelSpec Spec, string Description);

/// <summary>
/// Applies one of the doctor's fixes to a <see cref="KerasModelSpec"/>, so the changed model can be exported with
/// <see cref="KerasCodeWriter"/> and diffed with <see cref="UnifiedDiff"/>. Takes plain inputs (this assembly does not
/// know the diagnostics): the fix's action id, the finding's numeric evidence and the fix's Keras snippet, from which
/// suggested values such as <c>learning_rate=1e-4</c> or <c>layers.Dense(3, activation="softmax")</c> are taken so the
/// change is the one the doctor printed. Actions that are not a change of the model or its training (data collection,
/// "fix the root cause", checks), or that would need judgement the doctor does not give (which kernels to shrink), give
/// null with the reason.
/// </summary>
public static partial class KerasFixApplier
{
    /// <summary>Keras 3 default learning rates (<c>keras/src/optimizers/*.py</c>); the exported script runs on Keras 3.</summary>
    private static readonly Dictionary<string, double> DefaultLearningRates = new()
    {
        ["SGD"] = 0.01, ["Adam"] = 0.001, ["AdamW"] = 0.001, ["RMSprop"] = 0.001, ["Adagrad"] = 0.001,
        ["Adadelta"] = 0.001, ["Adamax"] = 0.001, ["Nadam"] = 0.001, ["Ftrl"] = 0.001, ["Lion"] = 0.001,
    };

    private static readonly HashSet<string> Crossentropies = ["categorical_crossentropy", "sparse_categorical_crossentropy", "binary_crossentropy"];

    /// <summary>The action ids this class can write into a model (when the model allows it).</summary>
    public static IReadOnlyList<string> SupportedActions { get; } =
    [
        "lower_learning_rate", "raise_learning_rate", "normalize_inputs", "rescaling_layer", "early_stopping",
        "set_output_units", "fix_output_units", "logits_output", "more_dropout", "data_augmentation",
    ];

    /// <summary>Applies <paramref name="action"/>; null when it cannot be expressed as a change of this model.</summary>
    public static KerasFixResult? Apply(string action, IReadOnlyDictionary<string, double>? evidence, KerasModelSpec spec, string? keras = null) =>
        Apply(action, evidence, spec, keras, out _);

    /// <summary>Applies <paramref name="action"/>; null with <paramref name="reason"/> when it cannot be expressed as a
    /// change of this model.</summary>
    /// <param name="action">The fix's action id (<c>lower_learning_rate</c> ...).</param>
    /// <param name="evidence">The finding's numeric evidence by name (e.g. <c>classes</c>, <c>max</c>), or null.</param>
    /// <param name="spec">The imported model.</param>
    /// <param name="keras">The fix's Keras snippet, or null.</param>
    /// <param name="reason">Why nothing was applied (empty when applied).</param>
    public static KerasFixResult? Apply(string action, IReadOnlyDictionary<string, double>? evidence, KerasModelSpec spec, string? keras,
        out string reason)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(spec);
        evidence ??= new Dictionary<string, double>();
        var outcome = action switch
        {
            "lower_learning_rate" => ScaleLearningRate(spec, keras, 0.1, lower: true),
            "raise_learning_rate" => ScaleLearningRate(spec, keras, 3, lower: false),
            "normalize_inputs" or "rescaling_layer" => NormalizeInputs(spec, evidence),
            "early_stopping" => EarlyStopping(spec),
            "set_output_units" or "fix_output_units" => OutputUnits(spec, evidence, keras),
            "logits_output" => LogitsOutput(spec),
            "more_dropout" => MoreDropout(spec),
            "data_augmentation" => DataAugmentation(spec),
            "batch_normalization" => Fail("where batch normalization goes (before or after each activation, which layers) changes " +
                                          "the model's behaviour; add it by hand where the finding points"),
            "small_kernels" => Fail("shrinking kernels changes the receptive field and the layers after them; redesign the conv stack by hand"),
            "weight_decay" => Fail("the right penalty depends on the model; add kernel_regularizer or use AdamW by hand"),
            "learning_rate_schedule" => Fail("a schedule is a choice of the user's training plan; add the callback from the fix by hand"),
            "fix_root_cause" => Fail("fix the finding listed before this one"),
            _ => Fail($"'{action}' is not a change of the model or its training that can be written into the script"),
        };
        reason = outcome.Reason ?? "";
        return outcome.Result;
    }

    private readonly record struct Outcome(KerasFixResult? Result, string? Reason);

    private static Outcome Fail(string reason) => new(null, reason);

    private static Outcome Ok(KerasModelSpec spec, string description) => new(new KerasFixResult(spec, description), null);

    // ---- learning rate ----------------------------------------------------------------------------------------

    [GeneratedRegex(@"learning_rate\s*=\s*([0-9][0-9.]*(?:[eE][+-]?[0-9]+)?)")]
    private static partial Regex LearningRateInSnippet();

    private static Outcome ScaleLearningRate(KerasModelSpec spec, string? keras, double factor, bool lower)
    {
        if (spec.Compile is not { } compile)
        {
            return Fail("the script does not call compile(...), so there is no optimizer to change");
        }

        // compile() without optimizer= uses "rmsprop" in Keras 3
        var optimizer = compile.Optimizer ?? new KerasObjectSpec(KerasObjectKind.Optimizer, "RMSprop", KerasConfig.Empty);
        var given = optimizer.Config.GetValueOrNull("learning_rate");
        KerasObjectSpec? schedule = given as KerasObjectSpec;
        double current;
        if (schedule is not null)
        {
            if (schedule.Config.GetValueOrNull("initial_learning_rate") is not { } initial || !initial.TryGetNumber(out current))
            {
                return Fail($"the learning rate is a {schedule.ClassName} schedule without a numeric initial_learning_rate");
            }
        }
        else if (given is null)
        {
            current = DefaultLearningRates.GetValueOrDefault(optimizer.ClassName, 0.001);
        }
        else if (!given.TryGetNumber(out current))
        {
            return Fail($"the learning rate is not a number ({given.ToPython()})");
        }

        double target = Tidy(current * factor);
        if (keras is not null && LearningRateInSnippet().Match(keras) is { Success: true } m &&
            double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double suggested) &&
            suggested > 0 && (lower ? suggested < current : suggested > current))
        {
            target = suggested;
        }

        var value = KerasValue.Of(target);
        KerasObjectSpec changed;
        if (schedule is not null)
        {
            changed = optimizer with { Config = optimizer.Config.With("learning_rate", schedule with { Config = schedule.Config.With("initial_learning_rate", value) }) };
        }
        else
        {
            // learning_rate first, as Keras users write it
            changed = optimizer with { Config = new KerasConfig(new[] { new KeyValuePair<string, KerasValue>("learning_rate", value) }
                .Concat(optimizer.Config.Where(kv => kv.Key != "learning_rate"))) };
        }

        var newSpec = spec with { Compile = compile with { Optimizer = changed } };
        string origin = given is null ? " (Keras default)" : "";
        return Ok(newSpec, $"{(lower ? "lowered" : "raised")} the learning rate of {optimizer.ClassName} from " +
                           $"{Number(current)}{origin} to {Number(target)}{(schedule is not null ? $" ({schedule.ClassName} initial rate)" : "")}");
    }

    /// <summary>Removes the binary noise of a product (0.1 * 3 = 0.30000000000000004).</summary>
    private static double Tidy(double v) => double.Parse(v.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Number(double v) => KerasValue.Of(v).ToPython();

    // ---- inputs -----------------------------------------------------------------------------------------------

    private static int?[]? InputShape(KerasModelSpec spec) => spec.InputShape ?? (spec.Layers.Count > 0 ? spec.Layers[0].InputShape : null);

    private static Outcome NormalizeInputs(KerasModelSpec spec, IReadOnlyDictionary<string, double> evidence)
    {
        if (InputShape(spec) is not { Length: 3 })
        {
            return Fail("the inputs are not images (rank-3 input shape); standardize the features in the data pipeline " +
                        "(the engine has no Normalization layer to put in the model)");
        }

        if (evidence.TryGetValue("max", out double max) && (max <= 1.5 || max > 255) ||
            evidence.TryGetValue("min", out double min) && min < 0)
        {
            return Fail("the inputs are not 0–255 pixel values, so dividing by 255 would not normalize them; standardize them in the data pipeline");
        }

        if (spec.Layers.Any(l => l.ClassName is "Rescaling" or "Normalization"))
        {
            return Fail("the model already has a Rescaling/Normalization layer");
        }

        var rescaling = Layer("Rescaling", ("scale", KerasValue.Of(1.0 / 255)));
        return Ok(InsertFirst(spec, rescaling), "added layers.Rescaling(1/255) as the first layer (pixel values 0–255 → 0–1)");
    }

    private static Outcome DataAugmentation(KerasModelSpec spec)
    {
        if (InputShape(spec) is not { Length: 3 })
        {
            return Fail("augmentation layers (flips, shifts, zooms) are for image inputs (rank-3 input shape)");
        }

        if (spec.Layers.Any(l => l.ClassName.StartsWith("Random", StringComparison.Ordinal)))
        {
            return Fail("the model already has augmentation layers");
        }

        // the rule's snippet: layers.RandomFlip("horizontal"), layers.RandomTranslation(0.1, 0.1), layers.RandomZoom(0.1)
        var added = new[]
        {
            Layer("RandomFlip", ("mode", KerasValue.Of("horizontal"))),
            Layer("RandomTranslation", ("height_factor", KerasValue.Of(0.1)), ("width_factor", KerasValue.Of(0.1))),
            Layer("RandomZoom", ("height_factor", KerasValue.Of(0.1))),
        };
        // after a Rescaling layer the inputs are already in range; augment them there
        int at = spec.Layers.Count > 0 && spec.Layers[0].ClassName == "Rescaling" ? 1 : 0;
        var result = spec;
        for (int i = added.Length - 1; i >= 0; i--)
        {
            result = Insert(result, at, added[i]);
        }

        return Ok(result, "added RandomFlip(\"horizontal\"), RandomTranslation(0.1, 0.1) and RandomZoom(0.1) as the first layers " +
                          "(active in training only)");
    }

    private static LayerSpec Layer(string className, params (string Key, KerasValue Value)[] config) =>
        new(className, null, KerasConfig.Of(config), null, new SourceRef("fix", 0, 0, ""));

    private static KerasModelSpec InsertFirst(KerasModelSpec spec, LayerSpec layer) => Insert(spec, 0, layer);

    /// <summary>Inserts a layer; at position 0 it takes over the old first layer's <c>input_shape</c>, so the model
    /// keeps its input whether the script gave it on the first layer or with <c>keras.Input</c>.</summary>
    private static KerasModelSpec Insert(KerasModelSpec spec, int at, LayerSpec layer)
    {
        var layers = spec.Layers.ToList();
        if (at == 0 && layers.Count > 0 && layers[0].InputShape is { } shape)
        {
            layer = layer with { InputShape = shape };
            layers[0] = layers[0] with { InputShape = null };
        }

        layers.Insert(at, layer);
        return spec with { InputShape = spec.InputShape ?? layer.InputShape, Layers = layers };
    }

    // ---- training ---------------------------------------------------------------------------------------------

    private static Outcome EarlyStopping(KerasModelSpec spec)
    {
        if (spec.Fit is not { } fit)
        {
            return Fail("the script does not call fit(...), so there are no callbacks to add to");
        }

        if (fit.Callbacks.Any(c => c.ClassName == "EarlyStopping"))
        {
            return Fail("fit already has an EarlyStopping callback");
        }

        if (!(fit.ValidationSplit > 0) && !fit.HasValidationData)
        {
            return Fail("fit has no validation data (validation_split or validation_data), so val_loss cannot be monitored");
        }

        var callback = new KerasObjectSpec(KerasObjectKind.Callback, "EarlyStopping", KerasConfig.Of(
            ("monitor", KerasValue.Of("val_loss")), ("patience", KerasValue.Of(5)), ("restore_best_weights", KerasValue.Of(true))));
        return Ok(spec with { Fit = fit with { Callbacks = [.. fit.Callbacks, callback] } },
            "added EarlyStopping(monitor=\"val_loss\", patience=5, restore_best_weights=True) to the fit callbacks");
    }

    // ---- output layer -----------------------------------------------------------------------------------------

    [GeneratedRegex(@"Dense\(\s*(\d+)(?:\s*,\s*activation\s*=\s*[""']([a-z_]+)[""'])?")]
    private static partial Regex DenseInSnippet();

    /// <summary>The index of the last Dense layer, when only activation/dropout layers follow it.</summary>
    private static int OutputDense(KerasModelSpec spec)
    {
        for (int i = spec.Layers.Count - 1; i >= 0; i--)
        {
            string c = spec.Layers[i].ClassName;
            if (c == "Dense")
            {
                return i;
            }

            if (c is not ("Activation" or "Softmax" or "Dropout"))
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>The output activation: a trailing Activation/Softmax layer, else the Dense layer's activation.</summary>
    private static (int Index, string? Activation) OutputActivation(KerasModelSpec spec, int dense)
    {
        for (int i = spec.Layers.Count - 1; i > dense; i--)
        {
            var l = spec.Layers[i];
            if (l.ClassName == "Softmax")
            {
                return (i, "softmax");
            }

            if (l.ClassName == "Activation")
            {
                return (i, l.Config.GetValueOrNull("activation")?.AsString());
            }
        }

        return (dense, spec.Layers[dense].Config.GetValueOrNull("activation")?.AsString());
    }

    private static Outcome OutputUnits(KerasModelSpec spec, IReadOnlyDictionary<string, double> evidence, string? keras)
    {
        int dense = OutputDense(spec);
        if (dense < 0)
        {
            return Fail("the model does not end with a Dense layer");
        }

        int? units = null;
        string? activation = null;
        if (keras is not null && DenseInSnippet().Match(keras) is { Success: true } m)
        {
            units = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            activation = m.Groups[2].Success ? m.Groups[2].Value : null;
        }
        else if (evidence.TryGetValue("target_width", out double width) && width > 1)
        {
            units = (int)width;
        }
        else if (evidence.TryGetValue("classes", out double classes) && classes > 0)
        {
            units = (int)classes;
        }

        if (units is not > 0)
        {
            return Fail("the evidence gives no class count or target width");
        }

        var layers = spec.Layers.ToList();
        var old = layers[dense];
        long oldUnits = old.Config.GetValueOrNull("units") is { } u && u.TryGetInt(out long n) ? n : -1;
        if (oldUnits == units)
        {
            return Fail($"the last Dense layer already has {units} units");
        }

        layers[dense] = old with { Config = old.Config.With("units", KerasValue.Of(units.Value)) };
        string description = $"set the units of the last Dense layer{(old.Name is null ? "" : $" '{old.Name}'")} from {oldUnits} to {units}";
        var compile = spec.Compile;
        var (actAt, oldActivation) = OutputActivation(spec with { Layers = layers }, dense);
        if (activation is not null && activation != (oldActivation ?? "linear"))
        {
            var at = layers[actAt];
            layers[actAt] = at with { ClassName = at.ClassName == "Softmax" ? "Activation" : at.ClassName,
                Config = at.ClassName == "Softmax" ? KerasConfig.Of(("activation", KerasValue.Of(activation))) : at.Config.With("activation", KerasValue.Of(activation)) };
            description += $", activation {oldActivation ?? "linear"} → {activation}";
            if (activation == "sigmoid" && units == 1 && compile?.Loss is { } loss && loss.Contains("categorical", StringComparison.Ordinal))
            {
                compile = compile with { Loss = "binary_crossentropy" };
                description += $", loss {loss} → binary_crossentropy";
            }
        }

        return Ok(spec with { Layers = layers, Compile = compile }, description);
    }

    private static Outcome LogitsOutput(KerasModelSpec spec)
    {
        if (spec.Compile is not { Loss: { } loss } compile || !Crossentropies.Contains(loss))
        {
            return Fail("the loss is not a crossentropy given by name, so it cannot be told it gets logits");
        }

        if (compile.FromLogits == true)
        {
            return Fail("the loss already takes logits");
        }

        int dense = OutputDense(spec);
        if (dense < 0)
        {
            return Fail("the model does not end with a Dense layer");
        }

        var (at, activation) = OutputActivation(spec, dense);
        string expected = loss == "binary_crossentropy" ? "sigmoid" : "softmax";
        if (activation != expected)
        {
            return Fail($"the output activation is {activation ?? "linear"}, not the {expected} that {loss} expects");
        }

        var layers = spec.Layers.ToList();
        if (at == dense)
        {
            layers[at] = layers[at] with { Config = layers[at].Config.Without("activation") };
        }
        else
        {
            layers.RemoveAt(at);
        }

        string description = $"removed the output {activation} (the last layer now gives logits) and set {loss} from_logits=True";
        var metrics = compile.Metrics;
        if (loss == "binary_crossentropy" && metrics.Any(IsBinaryAccuracyName))
        {
            // Keras's "accuracy" for binary crossentropy thresholds at 0.5, which is a probability; logits need 0
            var threshold = new KerasObjectSpec(KerasObjectKind.Metric, "BinaryAccuracy", KerasConfig.Of(("threshold", KerasValue.Of(0.0))));
            metrics = metrics.Select(mv => IsBinaryAccuracyName(mv) ? threshold : mv).ToList();
            description += "; accuracy thresholds logits at 0";
        }

        return Ok(spec with { Layers = layers, Compile = compile with { FromLogits = true, Metrics = metrics } }, description);
    }

    private static bool IsBinaryAccuracyName(KerasValue v) => v.AsString() is "accuracy" or "acc" or "binary_accuracy";

    // ---- regularization ---------------------------------------------------------------------------------------

    private static Outcome MoreDropout(KerasModelSpec spec)
    {
        const double Rate = 0.5;
        var layers = spec.Layers.ToList();
        int raised = 0;
        for (int i = 0; i < layers.Count; i++)
        {
            if (layers[i].ClassName == "Dropout" && layers[i].Config.GetValueOrNull("rate") is { } r && r.TryGetNumber(out double rate) && rate < Rate)
            {
                layers[i] = layers[i] with { Config = layers[i].Config.With("rate", KerasValue.Of(Rate)) };
                raised++;
            }
        }

        if (raised > 0)
        {
            return Ok(spec with { Layers = layers }, $"raised the rate of {raised} Dropout layer(s) to 0.5");
        }

        int dense = OutputDense(spec);
        if (dense < 1)
        {
            return Fail("the model has no hidden layer before a Dense output to put dropout after");
        }

        if (layers[dense - 1].ClassName == "Dropout")
        {
            return Fail("the dropout before the output layer is already 0.5 or more");
        }

        layers.Insert(dense, Layer("Dropout", ("rate", KerasValue.Of(Rate))));
        return Ok(spec with { Layers = layers }, "added Dropout(0.5) before the output layer");
    }
}
