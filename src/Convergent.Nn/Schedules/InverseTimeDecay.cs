namespace Convergent.Nn;

/// <summary>Inverse-time decay of the learning rate (Keras <c>keras.optimizers.schedules.InverseTimeDecay</c>); also
/// the form of Keras 1/2's legacy optimizer argument <c>decay</c> (see <see cref="FromLegacyDecay"/>).</summary>
/// <remarks>η(step) = η₀ / (1 + r · step / decay_steps); with <c>staircase</c> step / decay_steps is floored.</remarks>
public sealed class InverseTimeDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    public InverseTimeDecay(double initialLearningRate, long decaySteps, double decayRate, bool staircase = false)
    {
        ScheduleChecks.NonNegative(initialLearningRate, "initial_learning_rate");
        ScheduleChecks.Positive(decaySteps, "decay_steps");
        ScheduleChecks.NonNegative(decayRate, "decay_rate");
        InitialLearningRate = initialLearningRate; DecaySteps = decaySteps; DecayRate = decayRate; Staircase = staircase;
    }

    /// <summary>Keras 1/2's <c>SGD(lr=η₀, decay=d)</c>: η = η₀ / (1 + d · iterations), iterations counting the steps
    /// already taken — i.e. decay_steps = 1, decay_rate = d.</summary>
    public static InverseTimeDecay FromLegacyDecay(double learningRate, double decay) => new(learningRate, 1, decay);

    /// <summary>η₀.</summary>
    public double InitialLearningRate { get; }
    /// <summary>Steps per unit of decay.</summary>
    public long DecaySteps { get; }
    /// <summary>r.</summary>
    public double DecayRate { get; }
    /// <summary>Whether step / decay_steps is floored.</summary>
    public bool Staircase { get; }

    public override double At(long step)
    {
        double p = (double)step / DecaySteps;
        if (Staircase) p = Math.Floor(p);
        return InitialLearningRate / (1 + DecayRate * p);
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>
    {
        ["initial_learning_rate"] = InitialLearningRate,
        ["decay_steps"] = DecaySteps,
        ["decay_rate"] = DecayRate,
        ["staircase"] = Staircase,
        ["name"] = "InverseTimeDecay",
    };
}
