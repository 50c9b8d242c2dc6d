namespace Convergent.Reports.Html;

/// <summary>The element ids of the report's charts and panels: findings link to them (<c>#chart-loss-epochs</c>).</summary>
public static class ChartIds
{
    public const string LossEpochs = "chart-loss-epochs";
    public const string AccuracyEpochs = "chart-accuracy-epochs";
    public const string LossSteps = "chart-loss-steps";
    public const string LearningRate = "chart-learning-rate";
    public const string OutputConfidence = "chart-output-confidence";
    public const string Confusion = "chart-confusion";
    public const string Boundary = "chart-boundary";
    public const string Filters = "chart-filters";
    public const string Model = "panel-model";
    public const string Data = "panel-data";
    public const string QuickProbes = "panel-quick-probes";

    /// <summary>The heatmap of a per-layer statistic, e.g. <c>chart-heat-gradient_norm</c>.</summary>
    public static string Heatmap(string statistic) => "chart-heat-" + statistic;

    /// <summary>A chart of another per-epoch metric and its validation twin, e.g. <c>chart-metric-mae</c>.</summary>
    public static string Metric(string name) => "chart-metric-" + name;
}
