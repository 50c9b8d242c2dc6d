namespace Convergent.Nn;

/// <summary>
/// Stops training when a monitored quantity has stopped improving (Keras <c>keras.callbacks.EarlyStopping</c>).
/// </summary>
/// <remarks>
/// Keras 3's rules, epoch by epoch (epochs before <c>start_from_epoch</c> or without the quantity are skipped):
/// the wait counter goes up; an improvement on the best value (by more than <c>min_delta</c>) records it — and, with
/// <c>restore_best_weights</c>, the weights — and resets the wait unless a <c>baseline</c> is set and not beaten;
/// otherwise, once wait ≥ patience (and the epoch is not the first), training stops. At the end of training the best
/// weights are restored whenever <c>restore_best_weights</c> is set and some epoch was monitored — even if training
/// was not stopped early (Keras 3's <c>on_train_end</c>).
/// </remarks>
public sealed class EarlyStopping : MonitorCallback
{
    private IReadOnlyList<Tensor>? _bestWeights;

    /// <summary>Creates the callback (Keras defaults <c>monitor="val_loss", min_delta=0, patience=0, verbose=0,
    /// mode="auto", baseline=None, restore_best_weights=False, start_from_epoch=0</c>).</summary>
    public EarlyStopping(string monitor = "val_loss", double minDelta = 0, int patience = 0, int verbose = 0,
        MonitorMode mode = MonitorMode.Auto, double? baseline = null, bool restoreBestWeights = false, int startFromEpoch = 0)
        : base(monitor, mode, minDelta)
    {
        if (patience < 0) throw new ArgumentException($"Argument `patience` must be non-negative. Received: patience={patience}", nameof(patience));
        if (startFromEpoch < 0) throw new ArgumentException($"Argument `start_from_epoch` must be non-negative. Received: start_from_epoch={startFromEpoch}", nameof(startFromEpoch));
        Patience = patience; Verbose = verbose; Baseline = baseline;
        RestoreBestWeights = restoreBestWeights; StartFromEpoch = startFromEpoch;
    }

    /// <summary>Epochs without improvement tolerated before stopping.</summary>
    public int Patience { get; }
    /// <summary>1 to print when stopping and restoring.</summary>
    public int Verbose { get; }
    /// <summary>A value the quantity must beat for the wait to reset, or null.</summary>
    public double? Baseline { get; }
    /// <summary>Whether the best epoch's weights are put back at the end.</summary>
    public bool RestoreBestWeights { get; }
    /// <summary>Epochs (0-based index) before which nothing is monitored.</summary>
    public int StartFromEpoch { get; }

    /// <summary>Epochs since the last improvement.</summary>
    public int Wait { get; private set; }
    /// <summary>The 0-based epoch at which training was stopped, or 0 if it was not.</summary>
    public int StoppedEpoch { get; private set; }
    /// <summary>The 0-based epoch of the best value.</summary>
    public int BestEpoch { get; private set; }

    public override void OnTrainBegin()
    {
        Wait = 0; StoppedEpoch = 0; Best = null; _bestWeights = null; BestEpoch = 0;
    }

    public override void OnEpochEnd(int epoch, Logs logs)
    {
        var model = Model ?? throw new InvalidOperationException("EarlyStopping has no model: use it in Fit or call SetModel.");
        if (MonitorValue(logs, "Early stopping") is not double current || epoch < StartFromEpoch) return;
        if (RestoreBestWeights && _bestWeights is null)
        {
            _bestWeights = model.GetWeights();
            BestEpoch = epoch;
        }
        Wait++;
        if (IsImprovement(current, Best))
        {
            Best = current;
            BestEpoch = epoch;
            if (RestoreBestWeights) _bestWeights = model.GetWeights();
            if (Baseline is null || IsImprovement(current, Baseline)) Wait = 0;
            return;
        }
        if (Wait >= Patience && epoch > 0)
        {
            StoppedEpoch = epoch;
            model.StopTraining = true;
        }
    }

    public override void OnTrainEnd(Logs logs)
    {
        if (StoppedEpoch > 0 && Verbose > 0) Model?.Output.WriteLine($"Epoch {StoppedEpoch + 1}: early stopping");
        if (RestoreBestWeights && _bestWeights is not null && Model is not null)
        {
            if (Verbose > 0) Model.Output.WriteLine($"Restoring model weights from the end of the best epoch: {BestEpoch + 1}.");
            Model.SetWeights(_bestWeights);
        }
    }
}
