using System.Text;
using Convergent.Keras.Catalog;

namespace Convergent.Keras.Export;

/// <summary>
/// Writes a <see cref="KerasModelSpec"/> (as imported, or changed by the doctor's fixes) as clean Keras 3 Python:
/// <c>import keras</c>, <c>keras.Sequential([...])</c> with <c>keras.Input</c> first, then <c>compile</c> and
/// <c>fit</c>. Keras 1/2 arguments that Keras 3 no longer takes are translated where Keras 3 has an equivalent
/// (optimizer <c>decay</c> becomes an <c>InverseTimeDecay</c> schedule) and otherwise dropped with a comment
/// saying so, so the exported script runs on Keras 3.
/// </summary>
public static class KerasCodeWriter
{
    private const string Indent = "    ";

    /// <summary>Keras 2.2 default learning rates (keras/optimizers.py), needed when a script gave <c>decay</c>
    /// but not the rate it decays.</summary>
    private static readonly Dictionary<string, double> Keras2DefaultLearningRates = new()
    {
        ["SGD"] = 0.01, ["Adam"] = 0.001, ["RMSprop"] = 0.001, ["Adagrad"] = 0.01, ["Adadelta"] = 1.0,
        ["Adamax"] = 0.002, ["Nadam"] = 0.002, ["AdamW"] = 0.001,
    };

    /// <summary>Arguments of Keras 1/2 or tf.keras objects that Keras 3 does not accept, per class.</summary>
    private static readonly Dictionary<string, string[]> NotInKeras3 = new()
    {
        ["ModelCheckpoint"] = ["period"],
        ["TensorBoard"] = ["batch_size", "write_grads", "embeddings_layer_names", "embeddings_data"],
        ["BatchNormalization"] = ["renorm", "renorm_clipping", "renorm_momentum", "fused", "virtual_batch_size", "adjustment"],
        ["Nadam"] = ["schedule_decay"],
    };

    /// <summary>Optimizer keys that only describe how Keras 2.11+ serialized the object.</summary>
    private static readonly HashSet<string> SerializationOnly = ["jit_compile", "is_legacy_optimizer"];

    /// <summary>Writes the model, its compile call and its fit call as a Keras 3 script.</summary>
    public static string Write(KerasModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var sb = new StringBuilder();
        sb.Append("import keras\n");
        sb.Append("from keras import layers\n\n");
        if (spec.ImageDataFormat.Format is { } format &&
            !spec.Layers.Any(l => l.Config.ContainsKey("data_format")))
        {
            sb.Append($"keras.config.set_image_data_format({KerasValue.QuoteString(format)})\n\n");
        }

        WriteModel(sb, spec);
        if (spec.Compile is { } compile)
        {
            sb.Append('\n');
            WriteCompile(sb, compile);
        }

        if (spec.Fit is { } fit)
        {
            sb.Append('\n');
            WriteFit(sb, fit);
        }

        return sb.ToString();
    }

    private static void WriteModel(StringBuilder sb, KerasModelSpec spec)
    {
        sb.Append("model = keras.Sequential(\n").Append(Indent).Append("[\n");
        if (spec.InputShape is { } shape)
        {
            var args = new List<string> { "shape=" + ShapeLiteral(shape) };
            if (spec.InputBatchSize is { } batch)
            {
                args.Add($"batch_size={batch}");
            }

            if (spec.InputDType is { } dtype)
            {
                args.Add("dtype=" + KerasValue.QuoteString(dtype));
            }

            sb.Append(Indent).Append(Indent).Append("keras.Input(").Append(string.Join(", ", args)).Append("),\n");
        }
        else
        {
            sb.Append(Indent).Append(Indent).Append("# the script does not give the input shape; Keras infers it on the first batch\n");
        }

        foreach (var layer in spec.Layers)
        {
            var comments = new List<string>();
            string call = LayerCall(layer, comments);
            foreach (string comment in comments)
            {
                sb.Append(Indent).Append(Indent).Append("# ").Append(comment).Append('\n');
            }

            sb.Append(Indent).Append(Indent).Append(call).Append(",\n");
        }

        if (spec.Name is not null)
        {
            sb.Append(Indent).Append("],\n");
            sb.Append(Indent).Append("name=").Append(KerasValue.QuoteString(spec.Name)).Append(",\n");
        }
        else
        {
            sb.Append(Indent).Append("]\n");
        }

        sb.Append(")\n");
    }

    /// <summary>One layer as a Keras 3 call, e.g. <c>layers.Conv2D(32, (5, 5), padding="same")</c>.</summary>
    public static string LayerCall(LayerSpec layer, List<string>? comments = null)
    {
        comments ??= [];
        var def = LayerCatalog.Find(layer.ClassName);
        var config = Drop(layer.ClassName, layer.Config, comments);
        var args = new List<string>();
        var remaining = config.ToList();
        int positional = def?.WriterPositionalCount ?? 0;
        for (int i = 0; i < positional && i < def!.Positional.Length; i++)
        {
            int at = remaining.FindIndex(kv => kv.Key == def.Positional[i]);
            if (at < 0)
            {
                break;
            }

            args.Add(Value(remaining[at].Value));
            remaining.RemoveAt(at);
        }

        args.AddRange(remaining.Select(kv => kv.Key + "=" + Value(kv.Value)));
        if (layer.Name is not null)
        {
            args.Add("name=" + KerasValue.QuoteString(layer.Name));
        }

        return $"layers.{layer.ClassName}({string.Join(", ", args)})";
    }

    private static void WriteCompile(StringBuilder sb, CompileSpec compile)
    {
        var args = new List<string>();
        var comments = new List<string>();
        if (compile.Optimizer is { } optimizer)
        {
            args.Add("optimizer=" + OptimizerValue(optimizer, comments));
        }

        if (compile.Loss is { } loss)
        {
            args.Add("loss=" + LossValue(loss, compile.FromLogits, compile.LossConfig));
        }

        if (compile.Metrics.Count > 0)
        {
            args.Add("metrics=[" + string.Join(", ", compile.Metrics.Select(Value)) + "]");
        }

        args.AddRange(compile.Options.Where(o => o.Key != "sample_weight_mode").Select(o => o.Key + "=" + Value(o.Value)));
        foreach (string comment in comments)
        {
            sb.Append("# ").Append(comment).Append('\n');
        }

        WriteCall(sb, "model.compile", args);
    }

    private static void WriteFit(StringBuilder sb, FitSpec fit)
    {
        var args = new List<string> { fit.XSource ?? "x_train" };
        if (fit.YSource is not null)
        {
            args.Add(fit.YSource);
        }
        else if (fit.XSource is null)
        {
            args.Add("y_train");
        }

        var comments = new List<string>();
        void Add(string name, object? value, Func<object, string>? format = null)
        {
            if (value is not null)
            {
                args.Add(name + "=" + (format?.Invoke(value) ?? value.ToString()));
            }
        }

        Add("batch_size", fit.BatchSize);
        Add("epochs", fit.Epochs);
        Add("verbose", fit.Verbose, v => Value((KerasValue)v));
        if (fit.Callbacks.Count > 0)
        {
            args.Add("callbacks=[" + string.Join(", ", fit.Callbacks.Select(c => ObjectValue(c, comments))) + "]");
        }

        Add("validation_split", fit.ValidationSplit, v => KerasValue.FormatFloat((double)v));
        if (fit.HasValidationData)
        {
            args.Add("validation_data=" + (fit.ValidationDataSource ?? "validation_data"));
        }

        if (fit.ShuffleMode is not null)
        {
            comments.Add($"Keras 1/2 shuffle=\"{fit.ShuffleMode}\" (shuffle in batch-sized chunks) has no Keras 3 equivalent; shuffle=True used");
            args.Add("shuffle=True");
        }
        else
        {
            Add("shuffle", fit.Shuffle, v => (bool)v ? "True" : "False");
        }

        Add("class_weight", fit.ClassWeight, v => Value((KerasValue)v));
        Add("initial_epoch", fit.InitialEpoch);
        Add("steps_per_epoch", fit.StepsPerEpoch);
        Add("validation_steps", fit.ValidationSteps);
        Add("validation_batch_size", fit.ValidationBatchSize);
        Add("validation_freq", fit.ValidationFreq);
        foreach (var (name, source) in fit.DataDependent)
        {
            if (name is "samples_per_epoch" or "nb_val_samples")
            {
                comments.Add($"Keras 1 {name}={source} counts samples; Keras 3 counts steps (batches)");
                continue;
            }

            args.Add(name + "=" + source);
        }

        if (fit.SampleWeightSource is not null)
        {
            args.Add("sample_weight=" + fit.SampleWeightSource);
        }

        if (fit.SamplesPerEpoch is { } samples)
        {
            comments.Add($"Keras 1 samples_per_epoch={samples}: Keras 3 counts steps, so steps_per_epoch = {samples} // batch size");
        }

        if (fit.ValidationSamples is { } validationSamples)
        {
            comments.Add($"Keras 1 nb_val_samples={validationSamples}: Keras 3 counts steps, so validation_steps = {validationSamples} // batch size");
        }

        foreach (string comment in comments)
        {
            sb.Append("# ").Append(comment).Append('\n');
        }

        WriteCall(sb, "model.fit", args);
    }

    private static void WriteCall(StringBuilder sb, string function, List<string> args)
    {
        string oneLine = $"{function}({string.Join(", ", args)})";
        if (oneLine.Length <= 88)
        {
            sb.Append(oneLine).Append('\n');
            return;
        }

        sb.Append(function).Append("(\n");
        foreach (string arg in args)
        {
            sb.Append(Indent).Append(arg).Append(",\n");
        }

        sb.Append(")\n");
    }

    private static string OptimizerValue(KerasObjectSpec optimizer, List<string> comments)
    {
        var config = optimizer.Config;
        if (config.GetValueOrNull("decay") is { } decay && decay.TryGetNumber(out double rate))
        {
            config = config.Without("decay");
            if (rate > 0)
            {
                // Keras 1/2: lr_t = lr / (1 + decay * iterations), which is InverseTimeDecay with decay_steps=1.
                var initial = config.GetValueOrNull("learning_rate") ??
                              KerasValue.Of(Keras2DefaultLearningRates.GetValueOrDefault(optimizer.ClassName, 0.001));
                var schedule = new KerasObjectSpec(KerasObjectKind.LearningRateSchedule, "InverseTimeDecay", KerasConfig.Of(
                    ("initial_learning_rate", initial), ("decay_steps", KerasValue.Of(1)), ("decay_rate", KerasValue.Of(rate))));
                config = config.With("learning_rate", schedule);
                comments.Add($"Keras 1/2 decay={KerasValue.FormatFloat(rate)} written as InverseTimeDecay (learning rate / (1 + decay * step))");
            }
        }

        if (config.GetValueOrNull("epsilon") is KerasNone)
        {
            // Keras 2 epsilon=None meant K.epsilon() = 1e-7, the Keras 3 default.
            config = config.Without("epsilon");
        }

        foreach (string key in SerializationOnly)
        {
            config = config.Without(key);
        }

        return ObjectValue(optimizer with { Config = config }, comments);
    }

    private static string LossValue(string loss, bool? fromLogits, KerasConfig config)
    {
        if (fromLogits is null && config.Count == 0)
        {
            return KerasValue.QuoteString(loss);
        }

        string className = KerasNames.LossClasses.First(kv => kv.Value == loss).Key;
        var full = fromLogits is null ? config : config.With("from_logits", KerasValue.Of(fromLogits.Value));
        return ObjectValue(new KerasObjectSpec(KerasObjectKind.Loss, className, full.Without("name")), []);
    }

    private static string ObjectValue(KerasObjectSpec spec, List<string> comments)
    {
        var config = Drop(spec.ClassName, spec.Config, comments);
        string module = spec.Kind switch
        {
            KerasObjectKind.Optimizer => "keras.optimizers",
            KerasObjectKind.LearningRateSchedule => "keras.optimizers.schedules",
            KerasObjectKind.Loss => "keras.losses",
            KerasObjectKind.Metric => "keras.metrics",
            KerasObjectKind.Initializer => "keras.initializers",
            KerasObjectKind.Regularizer => "keras.regularizers",
            KerasObjectKind.Constraint => "keras.constraints",
            _ => "keras.callbacks",
        };
        return $"{module}.{spec.ClassName}({string.Join(", ", config.Select(kv => kv.Key + "=" + Value(kv.Value, comments)))})";
    }

    private static KerasConfig Drop(string className, KerasConfig config, List<string> comments)
    {
        if (!NotInKeras3.TryGetValue(className, out var dropped))
        {
            return config;
        }

        foreach (string key in dropped.Where(config.ContainsKey))
        {
            comments.Add($"{className}({key}={config[key].ToPython()}) is Keras 1/2 or tf.keras only; not written");
            config = config.Without(key);
        }

        return config;
    }

    /// <summary>A value as Python source; objects get their Keras 3 module.</summary>
    private static string Value(KerasValue value) => Value(value, []);

    private static string Value(KerasValue value, List<string> comments) => value switch
    {
        KerasObjectSpec o => ObjectValue(o, comments),
        KerasSequence s => s.IsTuple
            ? s.Count == 1 ? "(" + Value(s.Items[0], comments) + ",)" : "(" + string.Join(", ", s.Items.Select(i => Value(i, comments))) + ")"
            : "[" + string.Join(", ", s.Items.Select(i => Value(i, comments))) + "]",
        KerasDict d => "{" + string.Join(", ", d.Entries.Select(e => Value(e.Key, comments) + ": " + Value(e.Value, comments))) + "}",
        _ => value.ToPython(),
    };

    private static string ShapeLiteral(int?[] shape) =>
        shape.Length == 1 ? $"({Dim(shape[0])},)" : "(" + string.Join(", ", shape.Select(Dim)) + ")";

    private static string Dim(int? d) => d?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "None";
}
