namespace Convergent.Nn;

/// <summary>Cosine decay of the learning rate, with an optional linear warm-up
/// (Keras <c>keras.optimizers.schedules.CosineDecay</c>). Loshchilov &amp; Hutter, "SGDR: Stochastic Gradient Descent
/// with Warm Restarts" (ICLR 2017); warm-up as in Goyal et al., "Accurate, Large Minibatch SGD" (2017).</summary>
/// <remarks>
/// Decay from a rate η over D = decay_steps steps: η · ((1 − α)·½(1 + cos(π·min(s, D)/D)) + α), ending at α·η.
/// Without <c>warmup_target</c>: η = η₀ and s = step. With it (Keras 3): for step &lt; W = warmup_steps the rate rises
/// linearly, η₀ + (target − η₀)·step/W; afterwards the decay runs from η = target with s = step − W (the step is
/// capped at W + D).
/// </remarks>
public sealed class CosineDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule (Keras defaults <c>alpha=0.0, warmup_target=None, warmup_steps=0</c>).</summary>
    public CosineDecay(double initialLearningRate, long decaySteps, double alpha = 0.0, double? warmupTarget = null, long warmupSteps = 0)
    {
        ScheduleChecks.NonNegative(initialLearningRate, "initial_learning_rate");
        ScheduleChecks.Positive(decaySteps, "decay_steps");
        ScheduleChecks.NonNegative(alpha, "alpha");
        if (warmupTarget is double t) ScheduleChecks.NonNegative(t, "warmup_target");
        if (warmupSteps < 0) throw new ArgumentException($"Argument `warmup_steps` must be non-negative. Received: warmup_steps={warmupSteps}", nameof(warmupSteps));
        InitialLearningRate = initialLearningRate; DecaySteps = decaySteps; Alpha = alpha;
        WarmupTarget = warmupTarget; WarmupSteps = warmupSteps;
    }

    /// <summary>η₀.</summary>
    public double InitialLearningRate { get; }
    /// <summary>Length of the decay, D.</summary>
    public long DecaySteps { get; }
    /// <summary>Final rate as a fraction of the decay's starting rate.</summary>
    public double Alpha { get; }
    /// <summary>Rate reached at the end of warm-up, or null for no warm-up.</summary>
    public double? WarmupTarget { get; }
    /// <summary>Length of the warm-up, W.</summary>
    public long WarmupSteps { get; }

    public override double At(long step)
    {
        double s = step;
        if (WarmupTarget is not double target) return Decay(Math.Min(s, DecaySteps), InitialLearningRate);
        s = Math.Min(s, DecaySteps + WarmupSteps);
        if (s < WarmupSteps) return (target - InitialLearningRate) * (s / WarmupSteps) + InitialLearningRate;
        return Decay(s - WarmupSteps, target);
    }

    private double Decay(double s, double from)
    {
        double cosine = 0.5 * (1 + Math.Cos(Math.PI * s / DecaySteps));
        return from * ((1 - Alpha) * cosine + Alpha);
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>
    {
        ["initial_learning_rate"] = InitialLearningRate,
        ["decay_steps"] = DecaySteps,
        ["alpha"] = Alpha,
        ["name"] = "CosineDecay",
        ["warmup_target"] = WarmupTarget,
        ["warmup_steps"] = WarmupSteps,
    };
}
