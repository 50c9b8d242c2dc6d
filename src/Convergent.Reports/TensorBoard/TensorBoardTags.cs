using Convergent.Diagnostics;

namespace Convergent.Reports.TensorBoard;

/// <summary>
/// The folders and tags an export uses. Epoch metrics follow Keras's <c>TensorBoard</c> callback exactly: the run
/// folder has <c>train/</c> and <c>validation/</c>, training metrics go to <c>train/</c> as <c>epoch_&lt;name&gt;</c>
/// (<c>epoch_loss</c>, <c>epoch_accuracy</c>, <c>epoch_learning_rate</c>), <c>val_</c> metrics go to
/// <c>validation/</c> without the prefix, so TensorBoard draws training and validation in one chart per metric.
/// Per-step series are named <c>&lt;statistic&gt;/&lt;layer&gt;</c>, so TensorBoard's sections are statistics
/// (<c>gradient_norm</c>, <c>update_ratio</c>, …) holding one chart per layer.
/// </summary>
public static class TensorBoardTags
{
    /// <summary>The training run's folder (Keras: <c>log_dir/train</c>).</summary>
    public const string TrainFolder = "train";

    /// <summary>The validation run's folder (Keras: <c>log_dir/validation</c>).</summary>
    public const string ValidationFolder = "validation";

    /// <summary>Batch loss per step (Keras logs batch metrics as <c>batch_&lt;name&gt;</c>).</summary>
    public const string BatchLoss = "batch_loss";

    /// <summary>Learning rate per step.</summary>
    public const string BatchLearningRate = "batch_learning_rate";

    /// <summary>The diagnosis as Markdown text (Text tab).</summary>
    public const string Diagnosis = "doctor/diagnosis";

    /// <summary>The Custom Scalars category holding one chart per layer statistic.</summary>
    public const string LayerChartsCategory = "Layers (one line per layer)";

    /// <summary>Prefix of the output-layer series (<c>output/max_probability</c>).</summary>
    public const string OutputSection = "output";

    /// <summary>Section of the layers' activation histograms.</summary>
    public const string ActivationHistogramSection = "activation";

    /// <summary>Section of the layers' gradient histograms (the gradient of each layer's first weight, the kernel).</summary>
    public const string GradientHistogramSection = "gradient";

    /// <summary>Whether an epoch column belongs to the validation folder (Keras: names starting <c>val_</c>).</summary>
    public static bool IsValidation(string epochColumn) => epochColumn.StartsWith("val_", StringComparison.Ordinal);

    /// <summary>The tag of an epoch column: <c>loss</c> → <c>epoch_loss</c>, <c>val_accuracy</c> →
    /// <c>epoch_accuracy</c> (in <see cref="ValidationFolder"/>), <c>lr</c> → <c>epoch_learning_rate</c> (Keras 3 logs
    /// the optimizer's <c>learning_rate</c>).</summary>
    public static string Epoch(string epochColumn)
    {
        var name = IsValidation(epochColumn) ? epochColumn[4..] : epochColumn;
        return "epoch_" + (name == EpochTable.LrName ? "learning_rate" : name);
    }

    /// <summary>The tag of a per-layer statistic: <c>gradient_norm/dense_1</c>.</summary>
    public static string LayerStatistic(string layer, Series series) => $"{series.Name}/{layer}";

    /// <summary>The tag of an output-layer statistic: <c>output/max_probability</c>.</summary>
    public static string Output(Series series) => $"{OutputSection}/{series.Name}";

    /// <summary>The tag of a layer's activation histograms: <c>activation/dense_1</c>.</summary>
    public static string ActivationHistogram(string layer) => $"{ActivationHistogramSection}/{layer}";

    /// <summary>The tag of a layer's gradient histograms: <c>gradient/dense_1</c>.</summary>
    public static string GradientHistogram(string layer) => $"{GradientHistogramSection}/{layer}";
}
