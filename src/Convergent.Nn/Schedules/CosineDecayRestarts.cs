namespace Convergent.Nn;

/// <summary>Cosine decay with warm restarts (Keras <c>keras.optimizers.schedules.CosineDecayRestarts</c>).
/// Loshchilov &amp; Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts" (ICLR 2017).</summary>
/// <remarks>
/// Period i (from 0) lasts T₀·t_mulⁱ steps (T₀ = first_decay_steps) and starts at η₀·m_mulⁱ. With f = step/T₀: for
/// t_mul = 1, i = ⌊f⌋ and the fraction within the period is f − i; otherwise i = ⌊ln(1 − f(1 − t_mul)) / ln t_mul⌋ and
/// the fraction is (f − (1 − t_mulⁱ)/(1 − t_mul)) / t_mulⁱ. The rate is
/// η₀ · ((1 − α)·½·m_mulⁱ·(1 + cos(π·fraction)) + α).
/// </remarks>
public sealed class CosineDecayRestarts : LearningRateSchedule
{
    /// <summary>Creates the schedule (Keras defaults <c>t_mul=2.0, m_mul=1.0, alpha=0.0</c>).</summary>
    public CosineDecayRestarts(double initialLearningRate, long firstDecaySteps, double tMul = 2.0, double mMul = 1.0, double alpha = 0.0)
    {
        ScheduleChecks.NonNegative(initialLearningRate, "initial_learning_rate");
        ScheduleChecks.Positive(firstDecaySteps, "first_decay_steps");
        ScheduleChecks.Positive(tMul, "t_mul");
        ScheduleChecks.NonNegative(mMul, "m_mul");
        ScheduleChecks.NonNegative(alpha, "alpha");
        InitialLearningRate = initialLearningRate; FirstDecaySteps = firstDecaySteps; TMul = tMul; MMul = mMul; Alpha = alpha;
    }

    /// <summary>η₀.</summary>
    public double InitialLearningRate { get; }
    /// <summary>Length of the first period, T₀.</summary>
    public long FirstDecaySteps { get; }
    /// <summary>Growth factor of the period length.</summary>
    public double TMul { get; }
    /// <summary>Factor of the starting rate from one period to the next.</summary>
    public double MMul { get; }
    /// <summary>Minimum rate as a fraction of η₀.</summary>
    public double Alpha { get; }

    public override double At(long step)
    {
        double fraction = (double)step / FirstDecaySteps;
        double restart;
        if (TMul == 1.0)
        {
            restart = Math.Floor(fraction);
            fraction -= restart;
        }
        else
        {
            restart = Math.Floor(Math.Log(1.0 - fraction * (1.0 - TMul)) / Math.Log(TMul));
            double before = (1.0 - Math.Pow(TMul, restart)) / (1.0 - TMul);
            fraction = (fraction - before) / Math.Pow(TMul, restart);
        }
        double cosine = 0.5 * Math.Pow(MMul, restart) * (1.0 + Math.Cos(Math.PI * fraction));
        return InitialLearningRate * ((1 - Alpha) * cosine + Alpha);
    }

    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>
    {
        ["initial_learning_rate"] = InitialLearningRate,
        ["first_decay_steps"] = FirstDecaySteps,
        ["t_mul"] = TMul,
        ["m_mul"] = MMul,
        ["alpha"] = Alpha,
        ["name"] = "SGDRDecay",
    };
}
