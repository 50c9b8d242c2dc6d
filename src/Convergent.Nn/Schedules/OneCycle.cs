namespace Convergent.Nn;

/// <summary>The one-cycle learning-rate policy (not in Keras): a cosine rise from max_lr/div_factor to max_lr, then
/// a cosine fall to a far smaller rate. Smith &amp; Topin, "Super-Convergence: Very Fast Training of Neural Networks
/// Using Large Learning Rates" (2017); the formula is PyTorch's <c>torch.optim.lr_scheduler.OneCycleLR</c> with
/// <c>anneal_strategy='cos'</c>, <c>three_phase=False</c>.</summary>
/// <remarks>
/// η_start = max_lr / div_factor, η_min = η_start / final_div_factor. Phase 1 ends at step e₁ = pct_start·T − 1,
/// phase 2 at e₂ = T − 1 (T = total_steps). Within a phase from η_a to η_b over steps [s, e]:
/// η = η_b + (η_a − η_b)/2 · (1 + cos(π·(step − s)/(e − s))). Steps past T − 1 stay at η_min (PyTorch raises there).
/// Momentum cycling, the other half of PyTorch's scheduler, is not part of a learning-rate schedule.
/// </remarks>
public sealed class OneCycle : LearningRateSchedule
{
    /// <summary>Creates the schedule (PyTorch defaults <c>pct_start=0.3, div_factor=25, final_div_factor=1e4</c>).</summary>
    public OneCycle(double maxLearningRate, long totalSteps, double pctStart = 0.3, double divFactor = 25.0, double finalDivFactor = 1e4)
    {
        ScheduleChecks.NonNegative(maxLearningRate, "max_lr");
        ScheduleChecks.Positive(totalSteps, "total_steps");
        if (!(pctStart > 0 && pctStart < 1)) throw new ArgumentException($"Argument `pct_start` must be in (0, 1). Received: pct_start={pctStart}", nameof(pctStart));
        ScheduleChecks.Positive(divFactor, "div_factor");
        ScheduleChecks.Positive(finalDivFactor, "final_div_factor");
        MaxLearningRate = maxLearningRate; TotalSteps = totalSteps; PctStart = pctStart;
        DivFactor = divFactor; FinalDivFactor = finalDivFactor;
    }

    /// <summary>The peak rate.</summary>
    public double MaxLearningRate { get; }
    /// <summary>Length of the cycle, T.</summary>
    public long TotalSteps { get; }
    /// <summary>Fraction of the cycle spent rising.</summary>
    public double PctStart { get; }
    /// <summary>max_lr / starting rate.</summary>
    public double DivFactor { get; }
    /// <summary>Starting rate / final rate.</summary>
    public double FinalDivFactor { get; }

    /// <summary>The rate at step 0.</summary>
    public double InitialLearningRate => MaxLearningRate / DivFactor;

    /// <summary>The rate at the last step.</summary>
    public double MinLearningRate => InitialLearningRate / FinalDivFactor;

    public override double At(long step)
    {
        double end1 = PctStart * TotalSteps - 1, end2 = TotalSteps - 1;
        double s = Math.Min(step, end2);
        if (s <= end1) return Anneal(InitialLearningRate, MaxLearningRate, end1 <= 0 ? 1 : s / end1);
        return Anneal(MaxLearningRate, MinLearningRate, (s - end1) / (end2 - end1));
    }

    private static double Anneal(double from, double to, double pct) => to + (from - to) / 2.0 * (1 + Math.Cos(Math.PI * pct));

    public override IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>
    {
        ["max_lr"] = MaxLearningRate,
        ["total_steps"] = TotalSteps,
        ["pct_start"] = PctStart,
        ["div_factor"] = DivFactor,
        ["final_div_factor"] = FinalDivFactor,
        ["name"] = "OneCycle",
    };
}
