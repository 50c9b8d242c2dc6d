namespace Convergent.Nn;

/// <summary>A learning rate as a function of the optimizer's step counter (Keras
/// <c>keras.optimizers.schedules.LearningRateSchedule</c>).</summary>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate at (0-based) optimizer step <paramref name="step"/>.</summary>
    public abstract double At(long step);

    /// <summary>The Keras configuration for serialization.</summary>
    public abstract IReadOnlyDictionary<string, object?> GetConfig();
}
