namespace Convergent.Nn;

/// <summary>
/// Saves the model (or its weights) during training (Keras <c>keras.callbacks.ModelCheckpoint</c>).
/// </summary>
/// <remarks>
/// The path is <c>filepath</c> formatted as Python's <c>str.format</c> with <c>epoch</c> (1-based), with
/// <c>batch</c> (1-based) when saving every <c>saveFreq</c> batches, and with every logged value — so
/// <c>model-{epoch:02d}-{val_loss:.2f}.keras</c> gives <c>model-03-0.41.keras</c>; a name not in the logs throws
/// <see cref="KeyNotFoundException"/>. With <c>save_best_only</c> a save happens only when the monitored value improves
/// (or is missing, as in Keras); <c>initial_value_threshold</c> is the value to beat first. Missing directories are
/// created. Saving goes through the <see cref="IModelWriter"/> given; the file format (and its extension) is the
/// writer's business, so Keras's check of the <c>.keras</c> / <c>.weights.h5</c> extension is not made here.
/// </remarks>
public sealed class ModelCheckpoint : MonitorCallback
{
    private int _currentEpoch;
    private int _batchesSinceSave;
    private int? _lastBatch;

    /// <summary>Creates the callback (Keras defaults <c>monitor="val_loss", verbose=0, save_best_only=False,
    /// save_weights_only=False, mode="auto", save_freq="epoch", initial_value_threshold=None</c>).
    /// <paramref name="saveFreq"/> null means "epoch"; a number means every that many batches.</summary>
    public ModelCheckpoint(string filepath, IModelWriter writer, string monitor = "val_loss", int verbose = 0,
        bool saveBestOnly = false, bool saveWeightsOnly = false, MonitorMode mode = MonitorMode.Auto, int? saveFreq = null,
        double? initialValueThreshold = null)
        : base(monitor, mode, 0)
    {
        if (string.IsNullOrWhiteSpace(filepath)) throw new ArgumentException("Argument `filepath` cannot be blank.", nameof(filepath));
        if (saveFreq is <= 0) throw new ArgumentException($"Unrecognized save_freq: {saveFreq}. Expected save_freq are 'epoch' or positive integer values", nameof(saveFreq));
        Filepath = filepath;
        Writer = writer ?? throw new ArgumentNullException(nameof(writer));
        Verbose = verbose; SaveBestOnly = saveBestOnly; SaveWeightsOnly = saveWeightsOnly; SaveFreq = saveFreq;
        Best = initialValueThreshold;
    }

    /// <summary>The path template.</summary>
    public string Filepath { get; }
    /// <summary>Where saving goes.</summary>
    public IModelWriter Writer { get; }
    /// <summary>1 to print each decision.</summary>
    public int Verbose { get; }
    /// <summary>Whether only improvements are saved.</summary>
    public bool SaveBestOnly { get; }
    /// <summary>Whether only weights are saved.</summary>
    public bool SaveWeightsOnly { get; }
    /// <summary>Save every this many batches, or null for every epoch.</summary>
    public int? SaveFreq { get; }

    public override void OnEpochBegin(int epoch) => _currentEpoch = epoch;

    public override void OnTrainBatchEnd(int batch, Logs logs)
    {
        if (SaveFreq is not int every) return;
        // batches restart at 0 every epoch: count what was seen since the last call, as Keras does
        _batchesSinceSave += _lastBatch is int last && batch > last ? batch - last : batch + 1;
        _lastBatch = batch;
        if (_batchesSinceSave < every) return;
        _batchesSinceSave = 0;
        Save(_currentEpoch, batch, logs);
    }

    public override void OnEpochEnd(int epoch, Logs logs)
    {
        if (SaveFreq is null) Save(epoch, null, logs);
    }

    private void Save(int epoch, int? batch, Logs logs)
    {
        var model = Model ?? throw new InvalidOperationException("ModelCheckpoint has no model: use it in Fit or call SetModel.");
        string path = FilePath(epoch, batch, logs);
        if (!ShouldSave(epoch, logs, path)) return;
        string? dir = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        Writer.Save(model, path, SaveWeightsOnly);
        if (Verbose > 0) model.Output.WriteLine($"\nEpoch {epoch + 1}: finished saving model to {path}");
    }

    private bool ShouldSave(int epoch, Logs logs, string path)
    {
        var output = Model!.Output;
        if (!SaveBestOnly)
        {
            if (Verbose > 0) output.WriteLine($"\nEpoch {epoch + 1}: saving model to {path}");
            return true;
        }
        if (logs[Monitor] is not double current)
        {
            output.WriteLine($"Warning: Can save best model only with {Monitor} available.");
            return true;
        }
        string best = Best is double b ? b.ToString("F5", System.Globalization.CultureInfo.InvariantCulture) : "None";
        string now = current.ToString("F5", System.Globalization.CultureInfo.InvariantCulture);
        if (IsImprovement(current, Best))
        {
            if (Verbose > 0) output.WriteLine($"\nEpoch {epoch + 1}: {Monitor} improved from {best} to {now}, saving model to {path}");
            Best = current;
            return true;
        }
        if (Verbose > 0) output.WriteLine($"\nEpoch {epoch + 1}: {Monitor} did not improve from {best}");
        return false;
    }

    /// <summary>The path for an epoch (0-based here, 1-based in the name) and optional batch.</summary>
    public string FilePath(int epoch, int? batch, Logs logs)
    {
        var values = new Dictionary<string, object> { ["epoch"] = epoch + 1 };
        if (batch is int b && logs["batch"] is null) values["batch"] = b + 1;
        foreach (var (k, v) in logs) values[k] = v;
        try { return PythonFormat.Format(Filepath, values); }
        catch (KeyNotFoundException e)
        {
            throw new KeyNotFoundException($"Failed to format this callback filepath: \"{Filepath}\". Reason: {e.Message}", e);
        }
    }
}
