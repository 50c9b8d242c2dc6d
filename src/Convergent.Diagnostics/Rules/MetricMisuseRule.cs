namespace Convergent.Diagnostics;

/// <summary>
/// METRIC_MISUSE: a metric that does not fit the task — accuracy on a regression target, or "accuracy" with binary
/// crossentropy on single-label multi-class data (Keras then computes binary accuracy per output, which looks far
/// better than the real accuracy).
/// </summary>
public sealed class MetricMisuseRule : Rule
{
    public override string Code => FindingCode.MetricMisuse;

    private static readonly string[] RegressionLosses =
        ["mean_squared_error", "mse", "mean_absolute_error", "mae", "mean_absolute_percentage_error", "mean_squared_logarithmic_error", "huber", "log_cosh"];

    public override IEnumerable<Finding> CheckBefore(RunRecord r)
    {
        var metrics = r.Training.Metrics;
        string? acc = metrics.FirstOrDefault(x => x.Contains("acc", StringComparison.Ordinal));
        if (acc is null) yield break;
        string loss = r.Training.Loss ?? "";
        bool regressionLoss = RegressionLosses.Any(x => loss == x || loss.StartsWith(x, StringComparison.Ordinal));
        var d = r.Data;
        if (d is { Encoding: LabelEncoding.Continuous } || (regressionLoss && d is null or { Classes: 0 }))
        {
            yield return new Finding(Code, Severity.Warning, $"Metric '{acc}' on a regression target")
            {
                Evidence = new Evidence { { "metric", acc }, { "loss", loss }, { "target", d?.Encoding.ToString().ToLowerInvariant() ?? "regression" } },
                Confidence = 0.85,
                Explanation = "Accuracy counts exact class matches; the targets are real numbers, so accuracy is (almost) always 0 or meaningless. Use an error measure.",
                Fixes = [new Fix("regression_metrics", "Track mean absolute error instead.", "metrics=[\"mae\"]")],
            };
            yield break;
        }
        bool binaryLoss = loss.Contains("binary_crossentropy", StringComparison.Ordinal);
        if (binaryLoss && d is { Encoding: LabelEncoding.OneHot, TargetWidth: > 2 } && acc == "accuracy")
        {
            yield return new Finding(Code, Severity.Warning, "'accuracy' with binary_crossentropy on one-hot multi-class labels is binary accuracy")
            {
                Evidence = new Evidence { { "metric", acc }, { "loss", loss }, { "classes", d.Classes } },
                Confidence = 0.85,
                Explanation =
                    $"With binary crossentropy Keras scores each of the {d.Classes} outputs as a separate yes/no answer. Predicting 'no' everywhere is " +
                    $"already {(d.Classes - 1.0) / d.Classes:P0} 'accurate', so the reported accuracy is far higher than the share of samples classified right.",
                Fixes =
                [
                    new Fix("categorical_accuracy", "Measure categorical accuracy (and use categorical crossentropy).", "metrics=[keras.metrics.CategoricalAccuracy()]"),
                ],
            };
        }
    }
}
