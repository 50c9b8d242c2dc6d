namespace Convergent.Nn;

/// <summary>Exponential decay of the learning rate (Keras <c>keras.optimizers.schedules.ExponentialDecay</c>).</summary>
/// <remarks>η(step) = η₀ · r^(step / decay_steps); with <c>staircase</c> the exponent is floored, so the rate drops
/// in steps every <c>decay_steps</c>.</remarks>
public sealed class ExponentialDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate, bool staircase = false)
    {
        ScheduleChecks.NonNegative(initialLearningRate, "initial_learning_rate");
        ScheduleChecks.Positive(decaySteps, "decay_steps");
        ScheduleChecks.NonNegative(decayRate, "decay_rate");
        InitialLearningRate = initialLearningRate; DecaySteps = decaySteps; DecayRate = decayRate; Staircase = staircase;
    }

    /// <summary>η₀.</summary>
    public double InitialLearningRate { get; }
    /// <summary>Steps per factor of <see cref="DecayRate"/>.</summary>
    public long DecaySteps { get; }
    /// <summary>r.</summary>
    public double DecayRate { get; }
    /// <summary>Whether the exponent is floored.</summary>
    public bool Staircase { get; }

    public override double At(long step)
    {
        double p = (double)step / DecaySteps;
        if (Staircase) p = Math.Floor(p);
        return InitialLearningRate * Math.Pow(DecayRate, p);
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>
    {
        ["initial_learning_rate"] = InitialLearningRate,
        ["decay_steps"] = DecaySteps,
        ["decay_rate"] = DecayRate,
        ["staircase"] = Staircase,
        ["name"] = "ExponentialDecay",
    };
}
