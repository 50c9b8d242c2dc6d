using Convergent.Keras.Building;
using Convergent.Nn;

namespace Convergent.Keras;

public static partial class KerasRegistry
{
    private static readonly Dictionary<string, Func<ConfigReader, bool, Reduction, Loss>> LossFactories = new(StringComparer.Ordinal)
    {
        ["categorical_crossentropy"] = (a, logits, r) =>
            new CategoricalCrossentropy(logits, a.Double("label_smoothing", 0.0), SingleAxis(a, "axis", -1), r),
        ["sparse_categorical_crossentropy"] = (a, logits, r) =>
        {
            a.RequireDefault("axis", v => v is KerasNone or KerasInt { Value: -1 }, "only the last axis (-1) is supported");
            return new SparseCategoricalCrossentropy(logits, a.OptionalInt("ignore_class"), r);
        },
        ["binary_crossentropy"] = (a, logits, r) =>
        {
            a.RequireDefault("axis", v => v is KerasNone or KerasInt { Value: -1 }, "only the last axis (-1) is supported");
            return new BinaryCrossentropy(logits, a.Double("label_smoothing", 0.0), r);
        },
        ["mean_squared_error"] = (_, _, r) => new MeanSquaredError(r),
        ["mean_absolute_error"] = (_, _, r) => new MeanAbsoluteError(r),
        ["hinge"] = (_, _, r) => new Hinge(r),
        ["squared_hinge"] = (_, _, r) => new SquaredHinge(r),
        ["huber"] = (a, _, r) => new Huber(a.Double("delta", 1.0), r),
        ["kl_divergence"] = (_, _, r) => new KLDivergence(r),
        ["poisson"] = (_, _, r) => new Poisson(r),
    };

    /// <summary>Keras 3 loss names (as the importer normalizes them) the engine trains with.</summary>
    public static IReadOnlyCollection<string> SupportedLosses => LossFactories.Keys;

    /// <summary>Creates a loss from its Keras 3 function name (<c>"categorical_crossentropy"</c>, <c>"mean_squared_error"</c>
    /// …, aliases such as <c>mse</c> or <c>kld</c> resolved by the importer), <c>from_logits</c>, and the other
    /// arguments of a loss object (<c>label_smoothing</c>, <c>reduction</c>, <c>delta</c> …).</summary>
    /// <exception cref="KerasImportException">Not a loss the engine has, or an unsupported argument.</exception>
    public static Loss CreateLoss(string name, bool? fromLogits = null, KerasConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return CreateLoss(name, fromLogits, config ?? KerasConfig.Empty, null, new BuildContext());
    }

    internal static Loss CreateLoss(string name, bool? fromLogits, KerasConfig config, SourceRef? source, BuildContext context)
    {
        var a = new ConfigReader($"loss {name}", config, source ?? Nowhere, context);
        if (!LossFactories.TryGetValue(name, out var factory))
        {
            throw Unsupported(a.Source, "loss", name, LossFactories.Keys);
        }

        if (fromLogits == true && !name.Contains("crossentropy", StringComparison.Ordinal))
        {
            throw a.Fail("from_logits", $"{name} takes no from_logits");
        }

        var reduction = a.Choice("reduction", Reduction.SumOverBatchSize, ("sum_over_batch_size", Reduction.SumOverBatchSize),
            ("auto", Reduction.SumOverBatchSize), ("sum", Reduction.Sum), ("none", Reduction.None));
        a.RequireDefault("dtype", v => v is KerasNone or KerasString { Value: "float32" }, "losses are computed in the model's type");
        a.Take("name");
        Loss loss;
        try
        {
            loss = factory(a, fromLogits ?? false, reduction);
        }
        catch (ArgumentException e)
        {
            throw a.FailOwner(e.Message);
        }

        a.Finish();
        return loss;
    }

    /// <summary>Metric names → engine metrics (the name is what the logs show).</summary>
    private static readonly Dictionary<string, Func<string, Metric>> MetricNames = new(StringComparer.Ordinal)
    {
        ["accuracy"] = n => new Accuracy(n),
        ["binary_accuracy"] = n => new BinaryAccuracy(n),
        ["categorical_accuracy"] = n => new CategoricalAccuracy(n),
        ["sparse_categorical_accuracy"] = n => new SparseCategoricalAccuracy(n),
        ["top_k_categorical_accuracy"] = n => new TopKCategoricalAccuracy(5, n),
        ["sparse_top_k_categorical_accuracy"] = n => new SparseTopKCategoricalAccuracy(5, n),
        ["mean_squared_error"] = n => new MeanSquaredErrorMetric(n),
        ["mean_absolute_error"] = n => new MeanAbsoluteErrorMetric(n),
        ["auc"] = n => new AUC(name: n),
        ["precision"] = n => new Precision(name: n),
        ["recall"] = n => new Recall(name: n),
    };

    private static readonly Dictionary<string, Func<ConfigReader, string?, Metric>> MetricClasses = new(StringComparer.Ordinal)
    {
        ["BinaryAccuracy"] = (a, n) => new BinaryAccuracy(n ?? "binary_accuracy", a.Double("threshold", 0.5)),
        ["CategoricalAccuracy"] = (_, n) => new CategoricalAccuracy(n ?? "categorical_accuracy"),
        ["SparseCategoricalAccuracy"] = (_, n) => new SparseCategoricalAccuracy(n ?? "sparse_categorical_accuracy"),
        ["TopKCategoricalAccuracy"] = (a, n) => new TopKCategoricalAccuracy(a.Int("k", 5), n ?? "top_k_categorical_accuracy"),
        ["SparseTopKCategoricalAccuracy"] = (a, n) =>
        {
            a.RequireDefault("from_sorted_ids", v => v is KerasBool { Value: false }, "predictions must be scores");
            return new SparseTopKCategoricalAccuracy(a.Int("k", 5), n ?? "sparse_top_k_categorical_accuracy");
        },
        ["MeanSquaredError"] = (_, n) => new MeanSquaredErrorMetric(n ?? "mean_squared_error"),
        ["MeanAbsoluteError"] = (_, n) => new MeanAbsoluteErrorMetric(n ?? "mean_absolute_error"),
        ["AUC"] = (a, n) =>
        {
            a.RequireDefault("multi_label", v => v is KerasBool { Value: false }, "multi-label AUC is not supported");
            a.RequireNone("num_labels", "multi-label AUC is not supported");
            a.RequireNone("label_weights", "label weights are not supported");
            var thresholds = a.Take("thresholds") switch
            {
                null or KerasNone => null,
                KerasSequence s when s.Items.All(x => x is KerasInt or KerasFloat) => s.Items.Select(x => x.TryGetNumber(out double d) ? d : 0).ToList(),
                var other => throw a.Fail("thresholds", $"expected a list of numbers, got {ConfigReader.Describe(other)}"),
            };
            return new AUC(a.Int("num_thresholds", 200),
                a.Choice("curve", AucCurve.Roc, ("roc", AucCurve.Roc), ("pr", AucCurve.PR)),
                a.Choice("summation_method", AucSummationMethod.Interpolation, ("interpolation", AucSummationMethod.Interpolation),
                    ("minoring", AucSummationMethod.Minoring), ("majoring", AucSummationMethod.Majoring)),
                n ?? "auc", thresholds, a.Bool("from_logits", false));
        },
        ["Precision"] = (a, n) => new Precision(Threshold(a), a.OptionalInt("top_k"), a.OptionalInt("class_id"), n ?? "precision"),
        ["Recall"] = (a, n) => new Recall(Threshold(a), a.OptionalInt("top_k"), a.OptionalInt("class_id"), n ?? "recall"),
    };

    private static double? Threshold(ConfigReader a)
    {
        var v = a.Take("thresholds");
        return v switch
        {
            null or KerasNone => null,
            KerasSequence { Count: 1 } one when one.Items[0].TryGetNumber(out double t) => t,
            _ when v is not KerasBool && v.TryGetNumber(out double t) => t,
            _ => throw a.Fail("thresholds", $"one threshold is supported, got {ConfigReader.Describe(v)}"),
        };
    }

    /// <summary>Creates a metric from its Keras name (<c>"accuracy"</c>, resolved by <see cref="Model.Compile"/> to
    /// binary, categorical or sparse accuracy as Keras does) or object (<c>Precision(thresholds=0.7)</c>).</summary>
    /// <exception cref="KerasImportException">Not a metric the engine has, or an unsupported argument.</exception>
    public static Metric CreateMetric(KerasValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return CreateMetric(value, null, new BuildContext());
    }

    internal static Metric CreateMetric(KerasValue value, SourceRef? source, BuildContext context)
    {
        var at = source ?? Nowhere;
        switch (value)
        {
            case KerasString s:
                return MetricNames.TryGetValue(s.Value, out var byName)
                    ? byName(s.Value)
                    : throw Unsupported(at, "metric", s.Value, MetricNames.Keys);
            case KerasObjectSpec { Kind: KerasObjectKind.Metric } spec:
            {
                var a = ObjectReader(spec, at, context);
                if (spec.ClassName == "Accuracy")
                {
                    throw a.FailOwner("keras.metrics.Accuracy() counts exact equality of y_true and y_pred, which the engine does not compute",
                        "for classification use metrics=['accuracy'] or CategoricalAccuracy()/SparseCategoricalAccuracy()/BinaryAccuracy()");
                }

                if (!MetricClasses.TryGetValue(spec.ClassName, out var factory))
                {
                    throw Unsupported(at, "metric", spec.ClassName, MetricClasses.Keys);
                }

                string? name = a.String("name");
                a.RequireDefault("dtype", v => v is KerasNone or KerasString { Value: "float32" }, "metrics are computed in double");
                Metric metric;
                try
                {
                    metric = factory(a, name);
                }
                catch (ArgumentException e)
                {
                    throw a.FailOwner(e.Message);
                }

                a.Finish();
                return metric;
            }

            default:
                throw new KerasImportException(at.File, at.Line, at.Column, at.Text,
                    $"expected a metric name or object, got {ConfigReader.Describe(value)}", null, at.JsonPath);
        }
    }

    private static readonly string[] CallbackClasses =
        ["EarlyStopping", "ReduceLROnPlateau", "ModelCheckpoint", "CSVLogger", "TerminateOnNaN", "LearningRateScheduler"];

    /// <summary>Creates a callback from its Keras object. <c>TensorBoard</c>, <c>ProgbarLogger</c> and
    /// <c>LambdaCallback</c> do not change training and are not run: null (with a note when <paramref name="notes"/>
    /// is given). <c>LearningRateScheduler</c> needs a lambda of numbers (see the importer's report otherwise).</summary>
    /// <param name="spec">The callback as imported.</param>
    /// <param name="modelWriter">Writes ModelCheckpoint's files (e.g. <see cref="ModelFileWriter"/>); null for the
    /// default <see cref="ModelFileWriter"/>.</param>
    /// <param name="notes">Receives notes, or null.</param>
    /// <exception cref="KerasImportException">Not a callback the engine has, or an unsupported argument.</exception>
    public static Callback? CreateCallback(KerasObjectSpec spec, IModelWriter? modelWriter = null, ICollection<ImportNote>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var context = new BuildContext { ModelWriter = modelWriter };
        var callback = CreateCallback(spec, null, context);
        foreach (var note in context.Notes)
        {
            notes?.Add(note);
        }

        return callback;
    }

    internal static Callback? CreateCallback(KerasObjectSpec spec, SourceRef? source, BuildContext context)
    {
        var a = ObjectReader(spec, source, context);
        if (spec.ClassName is "TensorBoard" or "ProgbarLogger" or "LambdaCallback")
        {
            context.Note(ImportNoteKind.NotRun, spec.ClassName switch
            {
                "TensorBoard" => "TensorBoard callback not run: Convergent records the run itself (see the report)",
                "ProgbarLogger" => "ProgbarLogger callback not run: fit prints its own progress",
                _ => "LambdaCallback not run: its functions are Python code the importer does not evaluate",
            }, a.Source);
            return null;
        }

        if (spec.Kind != KerasObjectKind.Callback || Array.IndexOf(CallbackClasses, spec.ClassName) < 0)
        {
            throw Unsupported(a.Source, "callback", spec.ClassName, CallbackClasses);
        }

        Callback callback;
        try
        {
            callback = spec.ClassName switch
            {
                "EarlyStopping" => new EarlyStopping(a.String("monitor") ?? "val_loss", a.Double("min_delta", 0.0), a.Int("patience", 0),
                    a.Int("verbose", 0), Mode(a), a.OptionalDouble("baseline"), a.Bool("restore_best_weights", false),
                    a.Int("start_from_epoch", 0)),
                "ReduceLROnPlateau" => new ReduceLROnPlateau(a.String("monitor") ?? "val_loss", a.Double("factor", 0.1),
                    a.Int("patience", 10), a.Int("verbose", 0), Mode(a), a.Double("min_delta", 1e-4), a.Int("cooldown", 0),
                    a.Double("min_lr", 0.0)),
                "ModelCheckpoint" => Checkpoint(a),
                "CSVLogger" => new CSVLogger(a.String("filename") ?? throw a.Fail("filename", "is required"),
                    a.String("separator") ?? ",", a.Bool("append", false)),
                "TerminateOnNaN" => new TerminateOnNaN(),
                _ => Scheduler(a),
            };
        }
        catch (ArgumentException e)
        {
            throw a.FailOwner(e.Message);
        }

        a.Finish();
        return callback;
    }

    private static MonitorMode Mode(ConfigReader a) =>
        a.Choice("mode", MonitorMode.Auto, ("auto", MonitorMode.Auto), ("min", MonitorMode.Min), ("max", MonitorMode.Max));

    private static ModelCheckpoint Checkpoint(ConfigReader a)
    {
        string path = a.String("filepath") ?? throw a.Fail("filepath", "is required");
        int? saveFreq = a.Take("save_freq") switch
        {
            null or KerasNone or KerasString { Value: "epoch" } => null,
            KerasInt { Value: > 0 and <= int.MaxValue } n => (int)n.Value,
            var other => throw a.Fail("save_freq", $"expected 'epoch' or a positive number of batches, got {ConfigReader.Describe(other)}"),
        };
        a.RequireDefault("period", v => v is KerasInt { Value: 1 }, "Keras 2's period (save every N epochs) is not supported");
        a.RequireNone("options", "TensorFlow save options are not supported");
        a.Context.Note(ImportNoteKind.Warning,
            $"ModelCheckpoint writes '{path}' in Convergent's model file format (a zip with config.json and weights as .npz, not HDF5)",
            a.Source);
        return new ModelCheckpoint(path, a.Context.ModelWriter ?? new ModelFileWriter(), a.String("monitor") ?? "val_loss",
            a.Int("verbose", 0), a.Bool("save_best_only", false), a.Bool("save_weights_only", false), Mode(a), saveFreq,
            a.OptionalDouble("initial_value_threshold"));
    }

    private static LearningRateScheduler Scheduler(ConfigReader a)
    {
        var function = a.Take("schedule");
        string text = function switch
        {
            KerasExpression e => e.Text,
            KerasString s => s.Value,
            _ => throw a.Fail("schedule", "is required"),
        };
        var lambda = LambdaSchedule.TryParse(text, out string reason)
                     ?? throw a.Fail("schedule", reason, "write the schedule as a lambda of numbers, or use a learning-rate schedule object");
        return new LearningRateScheduler((epoch, lr) => lambda.Evaluate(epoch, lr), a.Int("verbose", 0));
    }
}
