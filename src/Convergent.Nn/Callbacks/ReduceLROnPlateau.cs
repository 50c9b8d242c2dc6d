namespace Convergent.Nn;

/// <summary>
/// Multiplies the learning rate by <c>factor</c> when a monitored quantity has stopped improving
/// (Keras <c>keras.callbacks.ReduceLROnPlateau</c>).
/// </summary>
/// <remarks>
/// Keras 3's rules at each epoch end: during cooldown the counter counts down and the wait is reset; an improvement
/// (by more than <c>min_delta</c>) records the best value and resets the wait; otherwise, outside cooldown, the wait
/// goes up and at <c>patience</c> the rate becomes max(rate·factor, min_lr) — only if the rate is still above
/// min_lr (compared in float32, as Keras) — and cooldown starts. The rate is written to the logs as
/// <c>learning_rate</c>. Changes <see cref="Optimizer.LearningRate"/> of the model's optimizer, which must have a
/// fixed rate.
/// </remarks>
public sealed class ReduceLROnPlateau : MonitorCallback
{
    /// <summary>Creates the callback (Keras defaults <c>monitor="val_loss", factor=0.1, patience=10, verbose=0,
    /// mode="auto", min_delta=1e-4, cooldown=0, min_lr=0.0</c>).</summary>
    public ReduceLROnPlateau(string monitor = "val_loss", double factor = 0.1, int patience = 10, int verbose = 0,
        MonitorMode mode = MonitorMode.Auto, double minDelta = 1e-4, int cooldown = 0, double minLr = 0.0)
        : base(monitor, mode, minDelta)
    {
        if (!(factor < 1.0)) throw new ArgumentException($"ReduceLROnPlateau does not support a factor >= 1.0. Received factor={factor}", nameof(factor));
        if (patience < 0) throw new ArgumentException($"Argument `patience` must be non-negative. Received: patience={patience}", nameof(patience));
        if (cooldown < 0) throw new ArgumentException($"Argument `cooldown` must be non-negative. Received: cooldown={cooldown}", nameof(cooldown));
        if (!(minLr >= 0)) throw new ArgumentException($"Argument `min_lr` must be non-negative. Received: min_lr={minLr}", nameof(minLr));
        Factor = factor; Patience = patience; Verbose = verbose; Cooldown = cooldown; MinLr = minLr;
    }

    /// <summary>The rate is multiplied by it.</summary>
    public double Factor { get; }
    /// <summary>Epochs without improvement before a reduction.</summary>
    public int Patience { get; }
    /// <summary>1 to print each reduction.</summary>
    public int Verbose { get; }
    /// <summary>Epochs to wait after a reduction before counting again.</summary>
    public int Cooldown { get; }
    /// <summary>Lower bound of the rate.</summary>
    public double MinLr { get; }

    /// <summary>Epochs since the last improvement (outside cooldown).</summary>
    public int Wait { get; private set; }
    /// <summary>Epochs of cooldown left.</summary>
    public int CooldownCounter { get; private set; }

    public override void OnTrainBegin()
    {
        Best = null; CooldownCounter = 0; Wait = 0;
    }

    public override void OnEpochEnd(int epoch, Logs logs)
    {
        var optimizer = CallbackGuards.FixedRateOptimizer(Model, nameof(ReduceLROnPlateau));
        logs.Set("learning_rate", optimizer.LearningRate);
        if (MonitorValue(logs, "Learning rate reduction") is not double current) return;
        if (CooldownCounter > 0)
        {
            CooldownCounter--;
            Wait = 0;
        }
        if (IsImprovement(current, Best))
        {
            Best = current;
            Wait = 0;
        }
        else if (CooldownCounter <= 0)
        {
            Wait++;
            if (Wait >= Patience && Reduce(optimizer, epoch))
            {
                CooldownCounter = Cooldown;
                Wait = 0;
            }
        }
    }

    private bool Reduce(Optimizer optimizer, int epoch)
    {
        double old = optimizer.LearningRate;
        if (!(old > (float)MinLr)) return false;
        double lr = Math.Max(old * Factor, MinLr);
        optimizer.LearningRate = lr;
        if (Verbose > 0) Model!.Output.WriteLine($"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing learning rate to {PythonFormat.Repr(lr)}.");
        return true;
    }
}
