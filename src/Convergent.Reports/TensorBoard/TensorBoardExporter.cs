using Convergent.Diagnostics;

namespace Convergent.Reports.TensorBoard;

/// <summary>
/// Exports what the doctor recorded as TensorBoard events files, laid out like Keras's <c>TensorBoard</c> callback
/// (<see cref="TensorBoardTags"/>): <c>DIR/train/events.out.tfevents.&lt;unix-seconds&gt;.&lt;hostname&gt;</c> and
/// <c>DIR/validation/…</c>. Then <c>tensorboard --logdir DIR</c> shows:
/// <list type="bullet">
/// <item>Scalars: per-epoch metrics (<c>epoch_loss</c>, <c>epoch_accuracy</c>, <c>epoch_learning_rate</c>, … with
/// training and validation in one chart) at step = epoch − 1, Keras's 0-based epoch index; the batch loss and
/// learning rate (<c>batch_loss</c>, <c>batch_learning_rate</c>) and every per-layer probe series
/// (<c>gradient_norm/dense_1</c>, <c>activation_mean/…</c>, <c>activation_std/…</c>, <c>dead_fraction/…</c>,
/// <c>saturated_fraction/…</c>, <c>update_ratio/…</c>, …) and the output-layer series at the doctor's global step
/// (0-based, the step findings name).</item>
/// <item>Histograms: each layer's activations (<c>activation/dense_1</c>) and first-weight gradients
/// (<c>gradient/dense_1</c>) at the lower rate the probe took them.</item>
/// <item>Text: the diagnosis (<c>doctor/diagnosis</c>) as Markdown, at step 0.</item>
/// <item>Custom Scalars: one chart per layer statistic with a line per layer (<see cref="CustomScalarsLayout"/>),
/// so the layers can be compared in one chart instead of across one chart per layer.</item>
/// </list>
/// Values are float32, as TensorBoard stores scalars. Both files are written completely before either is renamed
/// into place. Exporting into a folder that already holds events files adds new ones beside them (TensorBoard then
/// reads both; an export within the same second replaces the file of that name), so give each run its own folder. It only reads the record and the diagnosis: it decides nothing.
/// </summary>
public static class TensorBoardExporter
{
    /// <summary>Exports <paramref name="record"/> and <paramref name="diagnosis"/> into the run folder
    /// <paramref name="directory"/> (created when missing), stamping the events with the current time.</summary>
    public static TensorBoardRun Write(RunRecord record, Diagnosis diagnosis, string directory) =>
        Write(record, diagnosis, directory, DateTimeOffset.UtcNow);

    /// <summary>As <see cref="Write(RunRecord, Diagnosis, string)"/>, with every event stamped
    /// <paramref name="wallTime"/> (the record keeps no per-step times); the file names carry its Unix seconds.</summary>
    public static TensorBoardRun Write(RunRecord record, Diagnosis diagnosis, string directory, DateTimeOffset wallTime)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(diagnosis);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var train = new SortedDictionary<long, List<TfValue>>();
        var validation = new SortedDictionary<long, List<TfValue>>();

        AddEpochs(record.Epochs, train, validation);
        AddSeries(train, TensorBoardTags.BatchLoss, record.Steps.Loss);
        AddSeries(train, TensorBoardTags.BatchLearningRate, record.Steps.LearningRate);
        foreach (var layer in record.Layers)
        {
            foreach (var series in layer.AllSeries) AddSeries(train, TensorBoardTags.LayerStatistic(layer.Name, series), series);
            AddHistograms(train, TensorBoardTags.ActivationHistogram(layer.Name), layer.ActivationHistograms);
            AddHistograms(train, TensorBoardTags.GradientHistogram(layer.Name), layer.GradientHistograms);
        }
        AddSeries(train, TensorBoardTags.Output(record.Output.MaxProbability), record.Output.MaxProbability);
        AddSeries(train, TensorBoardTags.Output(record.Output.MajorityPredictionShare), record.Output.MajorityPredictionShare);
        At(train, 0).Add(TfValue.OfText(TensorBoardTags.Diagnosis, DiagnosisMarkdown.Render(record, diagnosis)));
        if (LayerCharts(record) is { } layout) At(train, 0).Add(layout.ToValue());

        var root = Path.GetFullPath(directory);
        double seconds = TfEventsWriter.UnixSeconds(wallTime);
        using var trainWriter = new TfEventsWriter(Path.Combine(root, TensorBoardTags.TrainFolder), wallTime);
        using var validationWriter = validation.Count > 0 ? new TfEventsWriter(Path.Combine(root, TensorBoardTags.ValidationFolder), wallTime) : null;
        WriteSteps(trainWriter, train, seconds);
        if (validationWriter is not null) WriteSteps(validationWriter, validation, seconds);
        trainWriter.Commit();
        validationWriter?.Commit();
        return new TensorBoardRun(root, trainWriter.Path, validationWriter?.Path);
    }

    // Keras's callback: val_ columns go to validation/ without the prefix; a NaN loss is kept (it is how a diverged
    // run looks), other missing values are left out, as EpochTable.Row gives them.
    private static void AddEpochs(EpochTable epochs, SortedDictionary<long, List<TfValue>> train, SortedDictionary<long, List<TfValue>> validation)
    {
        for (int i = 0; i < epochs.Count; i++)
        {
            long step = epochs.Numbers[i] - 1;
            foreach (var (name, value) in epochs.Row(i))
                At(TensorBoardTags.IsValidation(name) ? validation : train, step).Add(TfValue.OfScalar(TensorBoardTags.Epoch(name), value));
        }
    }

    private static void AddSeries(SortedDictionary<long, List<TfValue>> steps, string tag, Series series)
    {
        foreach (var (step, value) in series) At(steps, step).Add(TfValue.OfScalar(tag, value));
    }

    private static void AddHistograms(SortedDictionary<long, List<TfValue>> steps, string tag, IEnumerable<Histogram> histograms)
    {
        foreach (var h in histograms)
            if (TfHistogram.From(h) is { } proto) At(steps, h.Step).Add(TfValue.OfHistogram(tag, proto));
    }

    // One chart per statistic with a line per layer, for the statistics some layer recorded, in LayerRecord's order.
    private static CustomScalarsLayout? LayerCharts(RunRecord record)
    {
        var charts = record.Layers.SelectMany(l => l.AllSeries).Where(s => !s.IsEmpty).Select(s => s.Name).Distinct()
            // statistic names are snake_case constants: nothing in them needs escaping in a regular expression
            .Select(name => new CustomScalarsLayout.Chart(name, [$"^{name}/"]))
            .ToList();
        return charts.Count == 0 ? null
            : new CustomScalarsLayout([new CustomScalarsLayout.Category(TensorBoardTags.LayerChartsCategory, charts)]);
    }

    private static List<TfValue> At(SortedDictionary<long, List<TfValue>> steps, long step)
    {
        if (!steps.TryGetValue(step, out var list)) steps[step] = list = [];
        return list;
    }

    // One event per step holding every value of that step, steps ascending: each tag's steps then increase, which
    // TensorBoard's loaders require (a step not above the last one of its tag replaces the later points).
    private static void WriteSteps(TfEventsWriter writer, SortedDictionary<long, List<TfValue>> steps, double wallTime)
    {
        foreach (var (step, values) in steps) writer.Write(new TfEvent(wallTime, step, values));
    }
}
