using Convergent.Nn;

namespace Convergent.Keras;

public static partial class KerasRegistry
{
    private static readonly string[] LossClasses =
    [
        "CategoricalCrossentropy", "SparseCategoricalCrossentropy", "BinaryCrossentropy", "MeanSquaredError",
        "MeanAbsoluteError", "Hinge", "SquaredHinge", "Huber", "KLDivergence", "Poisson",
    ];

    /// <summary>A layer as Keras 3 serializes it: <c>keras.layers</c>, its class name and <see cref="Layer.GetConfig"/>.</summary>
    /// <exception cref="ArgumentException">The layer is not one this registry can create back.</exception>
    public static KerasObjectConfig ToKeras(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (!LayerFactories.ContainsKey(layer.ClassName))
        {
            throw new ArgumentException($"Layer '{layer.Name}' ({layer.ClassName}) has no Keras form this registry reads back.", nameof(layer));
        }

        return new KerasObjectConfig("keras.layers", layer.ClassName, layer.GetConfig());
    }

    /// <summary>An optimizer as Keras 3 serializes it (a schedule as its own <c>keras.optimizers.schedules</c> object).</summary>
    /// <exception cref="ArgumentException">Not an optimizer of this registry, or a schedule Keras does not have.</exception>
    public static KerasObjectConfig ToKeras(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        string className = optimizer.GetType().Name;
        if (Array.IndexOf(OptimizerClasses, className) < 0)
        {
            throw new ArgumentException($"Optimizer {className} has no Keras form this registry reads back.", nameof(optimizer));
        }

        var config = new Dictionary<string, object?> { ["name"] = optimizer.KerasName };
        foreach (var (key, value) in optimizer.GetConfig())
        {
            config[key] = value;
        }

        if (optimizer.Schedule is { } schedule)
        {
            config["learning_rate"] = ToKeras(schedule).ToDictionary();
        }

        return new KerasObjectConfig("keras.optimizers", className, config);
    }

    /// <summary>A learning-rate schedule as Keras 3 serializes it.</summary>
    /// <exception cref="ArgumentException">A schedule Keras does not have (e.g. <see cref="OneCycle"/>).</exception>
    public static KerasObjectConfig ToKeras(LearningRateSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        string className = schedule.GetType().Name;
        if (Array.IndexOf(ScheduleClasses, className) < 0)
        {
            throw new ArgumentException($"Learning-rate schedule {className} has no Keras form; supported: {string.Join(", ", ScheduleClasses)}.", nameof(schedule));
        }

        return new KerasObjectConfig("keras.optimizers.schedules", className, schedule.GetConfig());
    }

    /// <summary>A loss as Keras 3 serializes a loss object.</summary>
    /// <exception cref="ArgumentException">Not a loss of this registry.</exception>
    public static KerasObjectConfig ToKeras(Loss loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        string className = loss.GetType().Name;
        return Array.IndexOf(LossClasses, className) >= 0
            ? new KerasObjectConfig("keras.losses", className, loss.GetConfig())
            : throw new ArgumentException($"Loss {className} has no Keras form this registry reads back.", nameof(loss));
    }

    /// <summary>A metric as Keras 3's <c>compile</c> config holds it: the string <c>"accuracy"</c> for the accuracy
    /// Keras resolves from that name, otherwise a <c>keras.metrics</c> object.</summary>
    /// <exception cref="ArgumentException">Not a metric of this registry.</exception>
    public static object ToKeras(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        KerasObjectConfig Object(string className, params (string Key, object? Value)[] config)
        {
            var c = new Dictionary<string, object?> { ["name"] = metric.Name, ["dtype"] = "float32" };
            foreach (var (k, v) in config)
            {
                c[k] = v;
            }

            return new KerasObjectConfig("keras.metrics", className, c);
        }

        return metric switch
        {
            // "accuracy" resolves to one of these again for the same loss and output
            CategoricalAccuracy or SparseCategoricalAccuracy or BinaryAccuracy { Threshold: 0.5 } or Accuracy when metric.Name == "accuracy" => "accuracy",
            Accuracy => throw new ArgumentException($"Metric '{metric.Name}' is an unresolved accuracy; compile the model with a built model first.", nameof(metric)),
            BinaryAccuracy b => Object("BinaryAccuracy", ("threshold", b.Threshold)),
            CategoricalAccuracy => Object("CategoricalAccuracy"),
            SparseCategoricalAccuracy => Object("SparseCategoricalAccuracy"),
            TopKCategoricalAccuracy t => Object("TopKCategoricalAccuracy", ("k", t.K)),
            SparseTopKCategoricalAccuracy t => Object("SparseTopKCategoricalAccuracy", ("k", t.K)),
            MeanSquaredErrorMetric => Object("MeanSquaredError"),
            MeanAbsoluteErrorMetric => Object("MeanAbsoluteError"),
            AUC auc => Object("AUC", ("num_thresholds", auc.Thresholds.Count),
                ("curve", auc.Curve == AucCurve.Roc ? "ROC" : "PR"),
                ("summation_method", auc.SummationMethod.ToString().ToLowerInvariant()),
                ("thresholds", auc.Thresholds.Skip(1).Take(auc.Thresholds.Count - 2).ToArray()),
                ("multi_label", false), ("from_logits", auc.FromLogits)),
            Precision p => Object("Precision", ("thresholds", ThresholdConfig(p.Threshold)), ("top_k", p.TopK), ("class_id", p.ClassId)),
            Recall r => Object("Recall", ("thresholds", ThresholdConfig(r.Threshold)), ("top_k", r.TopK), ("class_id", r.ClassId)),
            _ => throw new ArgumentException($"Metric {metric.GetType().Name} has no Keras form this registry reads back.", nameof(metric)),
        };
    }

    /// <summary>−∞ is the engine's "no threshold" (top-k decides), which Keras writes as None.</summary>
    private static object? ThresholdConfig(double threshold) => double.IsNegativeInfinity(threshold) ? null : threshold;
}
