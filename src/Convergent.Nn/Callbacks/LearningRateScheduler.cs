namespace Convergent.Nn;

/// <summary>Sets the optimizer's learning rate at the start of every epoch from a function of the epoch
/// (Keras <c>keras.callbacks.LearningRateScheduler</c>).</summary>
/// <remarks>The function gets the 0-based epoch and the current rate and returns the new rate; at the end of the
/// epoch the rate is written to the logs as <c>learning_rate</c>, as Keras does. It needs a fixed rate: an optimizer
/// driven by a <see cref="LearningRateSchedule"/> cannot also be scheduled per epoch.</remarks>
public sealed class LearningRateScheduler : Callback
{
    /// <summary>Creates the callback.</summary>
    public LearningRateScheduler(Func<int, double, double> schedule, int verbose = 0)
    {
        Schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        Verbose = verbose;
    }

    /// <summary>(epoch, current rate) → new rate.</summary>
    public Func<int, double, double> Schedule { get; }

    /// <summary>1 to print each change.</summary>
    public int Verbose { get; }

    public override void OnEpochBegin(int epoch)
    {
        var optimizer = CallbackGuards.FixedRateOptimizer(Model, nameof(LearningRateScheduler));
        double lr = Schedule(epoch, optimizer.LearningRate);
        if (!double.IsFinite(lr))
            throw new ArgumentException($"The output of the `schedule` function should be a finite float. Got: {lr} at epoch {epoch}.");
        optimizer.LearningRate = lr;
        if (Verbose > 0) Model!.Output.WriteLine($"\nEpoch {epoch + 1}: LearningRateScheduler setting learning rate to {PythonFormat.Repr(lr)}.");
    }

    public override void OnEpochEnd(int epoch, Logs logs)
    {
        if (Model?.Optimizer is { } optimizer) logs.Set("learning_rate", optimizer.LearningRate);
    }
}
